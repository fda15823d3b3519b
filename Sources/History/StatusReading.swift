import APIContract

/// The figures a status document gives, read from either shape the API sends (docs/api.md: the 4.17 `energies`
/// with `extension.electric`, the 4.0 and legacy `energy` with `charging` and `battery` at the top of the item).
/// A figure the document does not have is nil, never 0.
package struct StatusReading: Equatable, Sendable {
    /// When the car reported this state: the root `updatedAt`, else the root `createdAt`, else the latest time
    /// inside; nil when the document has none (it cannot then be told apart from the next one).
    package var reportedAt: Int?
    package var electricLevel: Double?
    package var electricRange: Double?
    /// Wh, as the API gives it.
    package var batteryCapacity: Double?
    /// Wh.
    package var batteryResidual: Double?
    package var fuelLevel: Double?
    package var fuelRange: Double?
    package var odometer: Double?
    package var plugged: Bool?
    /// `InProgress`, `Finished`, `Stopped`, `Failure`, `Disconnected`.
    package var chargingStatus: String?
    /// `No`, `Slow`, `Quick`.
    package var chargingMode: String?
    /// km of range gained per hour.
    package var chargingRate: Double?
    package var moving: Bool?
    package var speed: Double?
    package var ignition: String?
    package var position: PositionReading?
    package var outsideTemperature: Double?
    package var preconditioning: Bool?

    /// Whether the car drives: moving, or its ignition on.
    package var isDriving: Bool { moving == true || ["Start", "StartUp"].contains(ignition ?? "") }

    package init(_ status: JSON) {
        let energies = (status["energies"]?.array ?? status["energy"]?.array) ?? []
        let electric = energies.first { $0["type"]?.string == "Electric" }
        let fuel = energies.first { $0["type"]?.string == "Fuel" }
        let electricExtension = electric?["extension"]?["electric"]
        electricLevel = electric?["level"]?.number
        electricRange = electric?["autonomy"]?.number
        batteryCapacity =
            electricExtension?["battery"]?["load"]?["capacity"]?.number ?? electricExtension?["battery"]?["capacity"]?.number
            ?? electric?["battery"]?["capacity"]?.number
        batteryResidual = electricExtension?["battery"]?["load"]?["residual"]?.number ?? electric?["residual"]?.number.map { $0 * 1000 }
        let charging = electricExtension?["charging"] ?? electric?["charging"]
        plugged = charging?["plugged"]?.bool
        chargingStatus = charging?["status"]?.string
        chargingMode = charging?["chargingMode"]?.string
        chargingRate = charging?["chargingRate"]?.number
        fuelLevel = fuel?["level"]?.number
        fuelRange = fuel?["autonomy"]?.number
        odometer =
            status["odometer"]?["mileage"]?.number ?? status["timed.odometer"]?["mileage"]?.number
            ?? status["_embedded"]?["extension"]?["odemeter"]?["mileage"]?.number
        let kinetic = status["kinetic"] ?? status["_embedded"]?["extension"]?["kinetic"]
        moving = kinetic?["moving"]?.bool
        speed = kinetic?["speed"]?.number
        ignition = status["ignition"]?["type"]?.string
        position = status["lastPosition"].flatMap(PositionReading.init)
        outsideTemperature = status["environment"]?["air"]?["temp"]?.number
        let airConditioning = (status["preconditioning"] ?? status["preconditionning"])?["airConditioning"]?["status"]?.string
        preconditioning = airConditioning.map { $0 == "Enabled" }
        reportedAt = Self.time(status["updatedAt"]) ?? Self.time(status["createdAt"]) ?? Self.latestTime(in: status)
    }

    static func time(_ value: JSON?) -> Int? { value?.string.flatMap(Timestamp.parse) }

    /// The latest `createdAt` or `updatedAt` anywhere in `document`.
    private static func latestTime(in document: JSON) -> Int? {
        switch document {
        case .object(let members):
            return members.compactMap { key, value -> Int? in
                let own = key == "createdAt" || key == "updatedAt" ? time(value) : nil
                return [own, latestTime(in: value)].compactMap { $0 }.max()
            }.max()
        case .array(let items): return items.compactMap(latestTime).max()
        default: return nil
        }
    }
}

/// A position Feature (`lastPosition`, a trip's start or stop): where, and when the car was there.
package struct PositionReading: Equatable, Sendable {
    package var latitude: Double
    package var longitude: Double
    package var altitude: Double?
    package var heading: Double?
    /// `properties.createdAt` (4.17) or `properties.updatedAt` (4.0).
    package var at: Int?

    /// Nil when the coordinates are not there or are malformed (privacy can leave a one-element array).
    package init?(_ feature: JSON) {
        guard let coordinates = feature["geometry"]?["coordinates"]?.array, coordinates.count >= 2,
            let longitude = coordinates[0].number, let latitude = coordinates[1].number,
            (-90...90).contains(latitude), (-180...180).contains(longitude)
        else { return nil }
        self.latitude = latitude
        self.longitude = longitude
        altitude = coordinates.count > 2 ? coordinates[2].number : nil
        let properties = feature["properties"]
        heading = properties?["heading"]?.number
        at = StatusReading.time(properties?["createdAt"]) ?? StatusReading.time(properties?["updatedAt"])
    }
}
