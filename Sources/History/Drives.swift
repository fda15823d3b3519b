/// Drives from a vehicle's trips and status snapshots (docs/history.md, "Drives"):
///
/// - Each finished trip of the API is a drive (`source` `trip`): its start and stop times, distance, odometers,
///   positions, and the levels of its `startEnergies` and `endEnergies` (electric, else fuel).
/// - Between two consecutive snapshots whose odometers differ by at least ``minimumDistance`` km and that no trip
///   overlaps, the car drove without the API reporting a trip: an inferred drive (`source` `inferred`) from the
///   first snapshot to the second — the times bound the drive, which happened somewhere between them — with the
///   odometers' difference as its distance and the snapshots' levels and positions. When the first snapshot says
///   the car was moving and ends the inferred drive before it, the drive went on: the two are one drive. When the first snapshot says
///   the car was moving and ends the inferred drive before it, the drive went on: the two are one drive.
package enum Drives {
    /// Odometer changes below this (km) are the odometer's rounding or a car moved in a car park, not a drive.
    package static let minimumDistance = 0.5

    /// What the derivation reads of a snapshot.
    package struct Snapshot: Sendable {
        package var at: Int
        package var odometer: Double?
        package var level: Double?
        /// Whether the status said the car was moving.
        package var moving: Bool?
        package var position: (latitude: Double, longitude: Double)?

        package init(at: Int, odometer: Double?, level: Double? = nil, moving: Bool? = nil, position: (Double, Double)? = nil) {
            self.at = at
            self.odometer = odometer
            self.level = level
            self.moving = moving
            self.position = position.map { (latitude: $0.0, longitude: $0.1) }
        }
    }

    /// One derived drive.
    package struct Drive: Sendable {
        package var startedAt: Int
        package var endedAt: Int
        package var distance: Double?
        package var startOdometer: Double?
        package var endOdometer: Double?
        package var startLevel: Double?
        package var endLevel: Double?
        package var start: (latitude: Double, longitude: Double)?
        package var end: (latitude: Double, longitude: Double)?
        /// `trip` or `inferred`.
        package var source: String
        package var trip: String?
    }

    /// The drives of one vehicle, oldest first: its finished trips as drives (`trips`), and the inferred ones. A trip
    /// still going since `ongoingTripSince` covers the snapshots after that time.
    package static func derive(trips: [Drive], ongoingTripSince: Int? = nil, snapshots: [Snapshot]) -> [Drive] {
        var drives = trips
        let withOdometer = snapshots.filter { $0.odometer != nil }.sorted { $0.at < $1.at }
        for (before, after) in zip(withOdometer, withOdometer.dropFirst()) {
            guard let from = before.odometer, let to = after.odometer, to - from >= minimumDistance else { continue }
            let covered = trips.contains { $0.startedAt < after.at && $0.endedAt > before.at } || ongoingTripSince.map { $0 < after.at } == true
            guard !covered else { continue }
            if before.moving == true, let last = drives.indices.last, drives[last].source == "inferred", drives[last].endedAt == before.at {
                drives[last].endedAt = after.at
                drives[last].distance = to - (drives[last].startOdometer ?? from)
                drives[last].endOdometer = to
                drives[last].endLevel = after.level
                drives[last].end = after.position
                continue
            }
            drives.append(
                Drive(
                    startedAt: before.at, endedAt: after.at, distance: to - from, startOdometer: from, endOdometer: to, startLevel: before.level,
                    endLevel: after.level, start: before.position, end: after.position, source: "inferred", trip: nil))
        }
        return drives.sorted { $0.startedAt < $1.startedAt }
    }
}
