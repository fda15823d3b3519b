import APIContract

/// `GET …/alarms` (4.17, docs/api.md §8.7): the anti-theft alarm's history — armed when the car is locked after a
/// trip, disarmed when a trip starts — and, on some cars, a break-in it detected. Most recent first, generated
/// from the seed like the rest of the fleet.
extension Fleet {
    /// One alarm event: a status change (`activation`) or a trigger (`type`).
    package struct AlarmEvent: Sendable {
        package var vehicle: Int
        package var index: Int
        package var at: Int
        package var activation: String?
        package var trigger: String?
    }

    /// Trips whose alarm history is kept (two status changes each).
    private static let alarmTrips = 10

    /// The vehicle's alarm events, most recent first.
    package func alarms(vehicle: Vehicle) -> [AlarmEvent] {
        var events: [(at: Int, activation: String?, trigger: String?)] = []
        for k in 0..<min(tripsPerVehicle, Self.alarmTrips) {
            let trip = trip(vehicle: vehicle, k)
            events.append((trip.stoppedAt + 60, "Active", nil))
            events.append((trip.startedAt - 30, "Inactive", nil))
        }
        var random = SeededRandom(seed: seed, "alarm", vehicle.index)
        if tripsPerVehicle > 1, random.chance(0.4) {
            let parked = trip(vehicle: vehicle, 1)
            let triggers = ["VolumetricBreakIn", "FrontLeftDoorBreakIn", "TrunkDoorBreakIn", "VehicleLifting"]
            events.append((parked.stoppedAt + random.int(in: 3600...7200), nil, random.pick(triggers)))
        }
        return events.sorted { $0.at > $1.at }.enumerated().map { n, event in
            AlarmEvent(vehicle: vehicle.index, index: n, at: event.at, activation: event.activation, trigger: event.trigger)
        }
    }

    /// The alarm event an id names, as (vehicle, event number).
    package func alarmIndex(id: String) -> (vehicle: Int, alarm: Int)? {
        guard let packed = ids.decode(.alarm, id) else { return nil }
        let (v, n) = ResourceID.unpack(packed)
        guard v < vehicleCount, n < alarms(vehicle: vehicle(v)).count else { return nil }
        return (v, n)
    }
}

extension Documents {
    /// One `AlarmDetails`: its id and either the status change or the trigger, with where the car was.
    package func alarm(_ v: Fleet.Vehicle, _ event: Fleet.AlarmEvent) -> JSON {
        let id = fleet.ids.make(.alarm, ResourceID.pack(v.index, event.index))
        let at = JSON.string(Timestamp.format(event.at))
        var random = SeededRandom(seed: fleet.seed, "alarm.position", v.index, event.index)
        return .obj([
            "id": .string(id),
            "status": event.activation.map { .obj(["createdAt": at, "activation": .string($0)]) },
            "trigger": event.trigger.map {
                .obj([
                    "createdAt": at, "type": .string($0), "startAt": at,
                    "position": position(fleet.place(vehicle: v, 1), at: event.at, random: &random),
                ])
            },
            "_links": .obj(["self": link("\(vehiclePath(v))/alarms/\(id)"), "vehicle": link(vehiclePath(v))]),
        ])
    }
}
