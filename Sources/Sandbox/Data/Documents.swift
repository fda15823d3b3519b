import APIContract

/// Turns fleet facts into the JSON documents the API serves, in production's shape (docs/api.md §8): 4.1x fields
/// plus the legacy duplicates production still sends, key order as seen in user logs.
package struct Documents: Sendable {
    package let fleet: Fleet
    /// `https://127.0.0.1:PORT/connectedcar/v4`.
    package let baseURL: String

    package func link(_ path: String) -> JSON { .obj(["href": .string(baseURL + path)]) }

    package func vehiclePath(_ vehicle: Fleet.Vehicle) -> String { "/user/vehicles/\(vehicle.id)" }

    /// A GeoJSON Feature (RFC 7946 order: lon, lat, alt).
    package func position(_ p: (lon: Double, lat: Double, alt: Double), at time: Int, random: inout SeededRandom) -> JSON {
        let acquired = random.chance(0.85)
        return .obj([
            "type": "Feature",
            "geometry": .obj(["type": "Point", "coordinates": [.double(p.lon), .double(p.lat), .double(p.alt)]]),
            "properties": .obj([
                "createdAt": .string(Timestamp.format(time)), "heading": .int(random.int(in: 0...359)),
                "type": .string(acquired ? "Acquire" : "Estimated"), "signalQuality": .int(random.int(in: 5...9)),
                "fixStatus": acquired ? .string(random.pick(["3D", "3D", "2D"])) : nil,
            ]),
        ])
    }

    // MARK: User and vehicles

    /// `GET /user`: the account, with its first page of vehicles embedded (capital `V`, as in the spec).
    package func user(embedding vehicles: [Fleet.Vehicle]) -> JSON {
        let account = DemoAccount(seed: fleet.seed)
        return .obj([
            "createdAt": .string(Timestamp.format(fleet.epoch - 900 * 86400)),
            "updatedAt": .string(Timestamp.format(fleet.epoch - 12 * 86400)),
            "email": .string(account.email), "firstName": .string(account.firstName), "lastName": .string(account.lastName),
            "_links": .obj(["self": link("/user"), "vehicles": link("/user/vehicles")]),
            "_embedded": .obj(["Vehicles": .array(vehicles.map(vehicle))]),
        ])
    }

    /// One vehicle (`/user/vehicles/{id}` and the items of `/user/vehicles`).
    package func vehicle(_ v: Fleet.Vehicle) -> JSON {
        let path = vehiclePath(v)
        let engine: [JSON] =
            switch v.model.motorization {
            case .electric: [.obj(["class": "Electric"])]
            case .hybrid: [.obj(["class": "Thermic", "energy": .string(v.model.fuel ?? "Petrol")]), .obj(["class": "Electric"])]
            case .thermic: [.obj(["class": "Thermic", "energy": .string(v.model.fuel ?? "Petrol")])]
            }
        var random = SeededRandom(seed: fleet.seed, "pictures", v.index)
        let version = random.hex(16).uppercased()
        let color = random.hex(8).uppercased()
        let trim = random.hex(8).uppercased()
        let host = v.brand.name == "Citroën" ? "citroen.com" : v.brand.tld
        let pictures: [JSON] = (1...6).map { view in
            .string(
                "https://visuel3d-secure.\(host)/V3DImage.ashx?client=miseco&back=0&format=png&version=\(version)"
                    + "&color=\(color)&trim=\(trim)&view=00\(view)")
        }
        return .obj([
            "id": .string(v.id), "vin": .string(v.vin), "brand": .string(v.brand.name), "label": .string(v.model.label),
            "motorization": .string(v.model.motorization.rawValue), "engine": .array(engine), "pictures": .array(pictures),
            "createdAt": .string(Timestamp.format(v.createdAt)),
            "updatedAt": .string(Timestamp.format(fleet.epoch - 3600 * (v.index % 48 + 1))),
            "_links": .obj([
                "self": link(path), "user": link("/user"), "lastPosition": link(path + "/lastPosition"),
                "status": link(path + "/status"), "alerts": link(path + "/alerts"), "maintenance": link(path + "/maintenance"),
                "telemetry": link(path + "/telemetry"), "trips": link(path + "/trips"), "collisions": link(path + "/collisions"),
                "monitors": link(path + "/monitors"),
            ]),
        ])
    }

    /// `GET …/lastPosition`: where the vehicle is parked now.
    package func lastPosition(_ v: Fleet.Vehicle) -> JSON {
        var random = SeededRandom(seed: fleet.seed, "lastPosition", v.index)
        let time = fleet.tripsPerVehicle > 0 ? fleet.trip(vehicle: v, 0).stoppedAt : fleet.epoch - 7200
        return position(fleet.place(vehicle: v, 0), at: time, random: &random)
    }

    /// `GET …/maintenance` (4.0 misspells `daysBeforeMaintenace`; production sends the 4.1x spelling; both are sent).
    package func maintenance(_ v: Fleet.Vehicle) -> JSON {
        var random = SeededRandom(seed: fleet.seed, "maintenance", v.index)
        let days = random.int(in: -20...365)
        let path = vehiclePath(v)
        return .obj([
            "createdAt": .string(Timestamp.format(fleet.epoch - 86400)),
            "updatedAt": .string(Timestamp.format(fleet.epoch - 86400)),
            "daysBeforeMaintenance": .int(days), "daysBeforeMaintenace": .int(days),
            "mileageBeforeMaintenance": .double(SeededRandom.round(random.double(in: -500...20000), 1)),
            "_links": .obj(["self": link(path + "/maintenance"), "vehicle": link(path), "alerts": link(path + "/alerts")]),
        ])
    }
}

/// The sandbox's single end user, derived from the seed.
package struct DemoAccount: Sendable {
    package let email: String
    package let password: String
    package let firstName: String
    package let lastName: String

    package init(seed: UInt64) {
        var random = SeededRandom(seed: seed, "account")
        firstName = random.pick(["Camille", "Léa", "Luca", "Jonas", "Sofia", "Emma", "Hugo", "Noah"])
        lastName = random.pick(["Martin", "Bernard", "Rossi", "Müller", "García", "Smith", "Dubois", "Weber"])
        email = "\(firstName.lowercased().folding()).\(lastName.lowercased().folding())@example.com"
        password = "sandbox-" + random.hex(12)
    }
}

extension String {
    /// Drops accents for e-mail addresses (`léa` → `lea`).
    fileprivate func folding() -> String {
        String(
            unicodeScalars.compactMap { scalar -> Character? in
                switch scalar {
                case "é", "è", "ê": "e"
                case "ü": "u"
                case "í": "i"
                default: scalar.isASCII ? Character(scalar) : nil
                }
            })
    }
}
