import APIContract
import Foundation
import History

/// `history-fill DB TEMPLATE VEHICLE...`: a car-year of 5-minute status snapshots for each vehicle, written through
/// `record`'s own `HistoryStore.record(status:)` into DB (bench/history.py, the car-year rows). TEMPLATE is a status
/// document of the sandbox; each snapshot is it with its times, level, odometer, position, charging and doors of
/// that moment: two drives a day (doors unlocked while driving), a charge every night; the derived tables each day.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 3,
    let template = try? JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: arguments[arguments.startIndex + 1]))))
else {
    FileHandle.standardError.write(Data("usage: history-fill DB TEMPLATE.json VEHICLE...\n".utf8))
    exit(2)
}
let store = try HistoryStore(path: arguments[arguments.startIndex])
let rows = ProcessInfo.processInfo.environment["HISTORY_FILL_ROWS"].flatMap { Int($0) } ?? 105_120
let end = Int(Date().timeIntervalSince1970) / 300 * 300
let start = end - rows * 300

/// `document` with every member named in `values` set to its value, wherever it is, and the `status` of every
/// `charging` object set to `charging`.
func setting(_ document: JSON, _ values: [String: JSON], charging: String) -> JSON {
    switch document {
    case .object(let members):
        return .object(
            members.map { key, value in
                if key == "charging", case .object(let inner) = value {
                    return (key, setting(.object(inner.map { ($0.0, $0.0 == "status" ? .string(charging) : $0.1) }), values, charging: charging))
                }
                return (key, values[key] ?? setting(value, values, charging: charging))
            })
    case .array(let items): return .array(items.map { setting($0, values, charging: charging) })
    default: return document
    }
}

for vehicle in arguments.dropFirst(2) {
    var odometer = 20_000.0
    var level = 60.0
    for n in 0..<rows {
        let at = start + n * 300
        let minute = (at % 86_400) / 60
        let driving = (450..<480).contains(minute) || (1050..<1080).contains(minute)
        let charging = minute >= 1320 || minute < 120
        if driving {
            odometer += 3
            level = max(5, level - 1)
        } else if charging {
            level = min(100, level + 2)
        }
        let time = JSON.string(Timestamp.format(at))
        let document = setting(
            template,
            [
                "updatedAt": time, "createdAt": time, "level": .double(level.rounded()), "mileage": .double(odometer),
                "moving": .bool(driving), "speed": .double(driving ? 36 : 0),
                "coordinates": [.double(2.35 + odometer / 100_000), .double(48.85), .double(35)],
                "lockedStates": driving ? ["Unlocked"] : ["Locked"], "plugged": .bool(charging),
                "chargingMode": .string(charging ? "Slow" : "No"), "residual": .int(Int(level * 500)),
            ], charging: charging ? "InProgress" : "Disconnected")
        try store.record(status: document, vehicle: vehicle, fetchedAt: at)
        // Derived as the recorder derives them, as the days come (each derivation looks back from its latest row).
        if n % 288 == 287 || n == rows - 1 {
            try store.deriveChargeSessions(vehicle: vehicle)
            try store.deriveDrives(vehicle: vehicle)
            try store.deriveParkedPeriods(vehicle: vehicle)
            try store.deriveEnergyDays(vehicle: vehicle)
        }
    }
}
