/// The five brands of the B2C API with their IDP domain, realm and mobile-app redirect scheme (docs/api.md §3.2).
package struct Brand: Sendable, Equatable {
    package let name: String
    package let tld: String
    package let realm: String
    package let otpRealm: String
    package let redirectScheme: String

    package static let all: [Brand] = [
        Brand(name: "Peugeot", tld: "peugeot.com", realm: "clientsB2CPeugeot", otpRealm: "OTPPeugeot", redirectScheme: "mymap"),
        Brand(name: "Citroën", tld: "citroen.com", realm: "clientsB2CCitroen", otpRealm: "OTPCitroen", redirectScheme: "mymacsdk"),
        Brand(name: "DS", tld: "driveds.com", realm: "clientsB2CDS", otpRealm: "OTPDS", redirectScheme: "mymdssdk"),
        Brand(name: "Opel", tld: "opel.com", realm: "clientsB2COpel", otpRealm: "OTPOpel", redirectScheme: "mymopsdk"),
        Brand(name: "Vauxhall", tld: "vauxhall.co.uk", realm: "clientsB2CVauxhall", otpRealm: "OTPVauxhall", redirectScheme: "mymvxsdk"),
    ]

    /// Every realm a token may be issued in: the consumer realms and their OTP twins.
    package static var realms: [String] { all.flatMap { [$0.realm, $0.otpRealm] } }
}

/// One vehicle model the generator draws from: its VIN prefix (WMI + VDS), label and energy.
package struct Model: Sendable {
    package enum Motorization: String, Sendable {
        case electric = "Electric"
        case hybrid = "Hybrid"
        case thermic = "Thermic"
    }

    package let brand: Int
    package let vinPrefix: String
    package let label: String
    package let motorization: Motorization
    /// Traction battery capacity in Wh (electric and plug-in hybrid).
    package let batteryWh: Int
    /// Electric range at 100 % (km), or fuel range for thermic cars.
    package let range: Int
    /// "Petrol" or "Gasoil" for cars with a fuel tank.
    package let fuel: String?

    /// Range on a full tank (km): the model's own range for thermic cars, a typical 650 km for plug-in hybrids.
    package var fuelRange: Int { motorization == .hybrid ? 650 : range }

    /// Models per brand, with VIN prefixes seen in production (docs/api.md §15).
    package static let all: [Model] = [
        Model(brand: 0, vinPrefix: "VR3UHZKXZ", label: "e-208 GT", motorization: .electric, batteryWh: 50000, range: 340, fuel: nil),
        Model(brand: 0, vinPrefix: "VR3UKZKXZ", label: "e-2008 Allure", motorization: .electric, batteryWh: 54000, range: 400, fuel: nil),
        Model(brand: 0, vinPrefix: "VR3KCZKZ2", label: "e-3008 GT", motorization: .electric, batteryWh: 73000, range: 520, fuel: nil),
        Model(brand: 0, vinPrefix: "VR3MRHNSK", label: "3008 Hybrid4 300", motorization: .hybrid, batteryWh: 13200, range: 59, fuel: "Petrol"),
        Model(brand: 0, vinPrefix: "VF3UPHNP2", label: "208 PureTech 100", motorization: .thermic, batteryWh: 0, range: 720, fuel: "Petrol"),
        Model(brand: 1, vinPrefix: "VR7EZZKXZ", label: "ë-Berlingo M", motorization: .electric, batteryWh: 50000, range: 280, fuel: nil),
        Model(brand: 1, vinPrefix: "VR7ACZKXZ", label: "ë-C4 Shine", motorization: .electric, batteryWh: 54000, range: 420, fuel: nil),
        Model(brand: 1, vinPrefix: "VR7ATHNSK", label: "C5 Aircross Hybrid 225", motorization: .hybrid, batteryWh: 13200, range: 55, fuel: "Petrol"),
        Model(brand: 1, vinPrefix: "VF7SXHNZT", label: "C3 BlueHDi 100", motorization: .thermic, batteryWh: 0, range: 900, fuel: "Gasoil"),
        Model(brand: 2, vinPrefix: "VR1J4DGZR", label: "DS 3 E-Tense", motorization: .electric, batteryWh: 54000, range: 400, fuel: nil),
        Model(brand: 2, vinPrefix: "VR1URHNSK", label: "DS 7 E-Tense 4x4 300", motorization: .hybrid, batteryWh: 14200, range: 65, fuel: "Petrol"),
        Model(brand: 3, vinPrefix: "VXKUHZKXZ", label: "Corsa-e Elegance", motorization: .electric, batteryWh: 50000, range: 330, fuel: nil),
        Model(brand: 3, vinPrefix: "VXKUKZKXZ", label: "Mokka-e GS Line", motorization: .electric, batteryWh: 54000, range: 400, fuel: nil),
        Model(brand: 3, vinPrefix: "W0VZRHNSK", label: "Astra Plug-in Hybrid", motorization: .hybrid, batteryWh: 12400, range: 60, fuel: "Petrol"),
        Model(brand: 4, vinPrefix: "VXEV1ZKXZ", label: "Vivaro-e Dynamic", motorization: .electric, batteryWh: 75000, range: 330, fuel: nil),
        Model(brand: 4, vinPrefix: "VXKUHZKXZ", label: "Corsa Electric Griffin", motorization: .electric, batteryWh: 50000, range: 350, fuel: nil),
        Model(brand: 4, vinPrefix: "W0VBD6EK1", label: "Grandland 1.2 Turbo", motorization: .thermic, batteryWh: 0, range: 750, fuel: "Petrol"),
    ]
}

/// Home areas vehicles are parked around: (city, longitude, latitude, altitude m).
package enum Places {
    package static let homes: [(city: String, lon: Double, lat: Double, alt: Double)] = [
        ("Paris", 2.3522, 48.8566, 35), ("Vélizy", 2.2221, 48.7724, 172), ("Nantes", -1.5900, 47.2740, 30),
        ("Lyon", 4.8357, 45.7640, 170), ("Rennes", -1.6778, 48.1173, 40), ("Turin", 7.6869, 45.0703, 239),
        ("Rüsselsheim", 8.4119, 49.9922, 88), ("Luton", -0.4200, 51.8787, 130), ("Madrid", -3.7038, 40.4168, 667),
        ("Dordrecht", 4.7215, 51.8341, -2), ("Bamberg", 9.6546, 49.9612, 21), ("Lisbon", -9.1393, 38.7223, 45),
    ]
}
