import APIContract
import Client
import Foundation
import History

/// One pass of `record` over some vehicles (docs/history.md): each one's status (with its position, and the charge
/// sessions derived again when it is new), then its trips and alerts since where the last pass left them, and its
/// drives, parked periods and energy per day derived again. It only reads: no remote action, no wake-up — a status
/// read is the car's last report, which the API answers without waking it.
///
/// Each document is written in its own transaction as it arrives, so a pass stopped at any moment (a signal, a
/// killed process, a failed request) loses nothing it wrote, and the next pass catches up from the database.
struct Recorder {
    let store: HistoryStore
    let session: Session
    /// How far back of the latest trip or alert each sync reads again, for items the API reports late.
    var overlap = 2 * 86_400
    /// Whether to stop before the next request (a signal came).
    var isStopped: () -> Bool = { false }
    /// Whether the profile speaks 4.17, whose cars also have alarms and remote actions to sync.
    var speaks417 = false
    /// The account's callbacks that serve remote actions, read once a sync round (``remoteCallbacks(_:)``).
    private let callbacks = CallbackList()

    /// The ids of the account's Remote callbacks and when they were read.
    private final class CallbackList {
        var ids: [String] = []
        var readAt: Int?
    }

    /// What one pass did, for `-v` and for the command's answer.
    struct Pass: Equatable {
        var vehicles = 0
        var requests = 0
        var snapshots = 0
        var tripsAdded = 0
        var tripsUpdated = 0
        var alertsAdded = 0
        var alertsUpdated = 0
        /// Alarm events and remote actions added or changed (4.17).
        var alarms = 0
        var remoteActions = 0
        /// Requests that failed, in words; the pass goes on with the next part.
        var failures: [String] = []
        var stopped = false

        /// `pass: 3 vehicles, 10 requests; status +2; trips +1 ~0; alerts +0 ~1`.
        var line: String {
            "\(vehicles) vehicle\(vehicles == 1 ? "" : "s"), \(requests) request\(requests == 1 ? "" : "s"); status +\(snapshots); "
                + "trips +\(tripsAdded) ~\(tripsUpdated); alerts +\(alertsAdded) ~\(alertsUpdated)"
                + (alarms + remoteActions > 0 ? "; alarms +\(alarms); remote actions +\(remoteActions)" : "")
                + (failures.isEmpty ? "" : "; \(failures.count) failed: " + failures.joined(separator: "; ")) + (stopped ? "; stopped" : "")
        }
    }

    /// Keeps the account's vehicles and returns their ids, in the API's order.
    func vehicles(_ pass: inout Pass) throws -> [String] {
        var ids: [String] = []
        try each(APIRequest.get("/user/vehicles"), &pass) { document in
            guard let id = document["id"]?.string else { return }
            ids.append(id)
            try store.record(vehicle: document, at: now())
        }
        return ids
    }

    /// One pass over `vehicles`: each one's status, and its trips and alerts when they are due
    /// (``read(_:sync:_:)``).
    func pass(_ vehicles: [String]) -> Pass {
        var pass = Pass(vehicles: vehicles.count)
        for vehicle in vehicles {
            _ = read(vehicle, sync: nil, &pass)
            if pass.stopped { break }
        }
        return pass
    }

    /// Reads one vehicle: its status, and its trips and alerts with `sync` (nil: when the database says they are due,
    /// ``HistoryStore/syncDue(vehicle:now:odometer:moving:)``); then derives its drives, parked periods and energy days again.
    /// Returns what its status says (nil when it could not be read); failures are noted in `pass`, which goes on.
    func read(_ vehicle: String, sync: Bool?, _ pass: inout Pass) -> StatusReading? {
        var reading: StatusReading?
        if isStopped() {
            pass.stopped = true
            return nil
        }
        do { reading = try status(vehicle, &pass) } catch { pass.failures.append(Self.words(error)) }
        let due: Bool
        do {
            due = try sync ?? store.syncDue(vehicle: vehicle, now: now(), odometer: reading?.odometer, moving: reading?.moving)
        } catch {
            pass.failures.append(Self.words(error))
            due = true
        }
        if due {
            let failures = pass.failures.count
            for part in speaks417 ? [trips, alerts, alarms, remoteActions] : [trips, alerts] {
                if isStopped() {
                    pass.stopped = true
                    return reading
                }
                do { try part(vehicle, &pass) } catch { pass.failures.append(Self.words(error)) }
            }
            if pass.failures.count == failures, !isStopped() {
                do { try store.noteSync(vehicle: vehicle, now: now(), odometer: reading?.odometer) } catch { pass.failures.append(Self.words(error)) }
            }
        }
        if isStopped() {
            pass.stopped = true
            return reading
        }
        do {
            try store.deriveDrives(vehicle: vehicle)
            try store.deriveParkedPeriods(vehicle: vehicle)
            try store.deriveEnergyDays(vehicle: vehicle)
        } catch { pass.failures.append(Self.words(error)) }
        return reading
    }

    /// Reads and keeps the vehicle's status (charge sessions derived again when it is new); returns what it says.
    private func status(_ vehicle: String, _ pass: inout Pass) throws -> StatusReading {
        let body = try send(APIRequest.get(APIContext.vehiclePath(vehicle, "status")), &pass)
        let document = try Self.parse(body)
        if try store.record(status: document, vehicle: vehicle, fetchedAt: now()) == .added {
            pass.snapshots += 1
            try store.deriveChargeSessions(vehicle: vehicle)
        }
        return StatusReading(document)
    }

    private func trips(_ vehicle: String, _ pass: inout Pass) throws {
        let (added, updated) = try sync(.trips, vehicle, &pass) { try store.record(trip: $0, vehicle: vehicle) }
        pass.tripsAdded += added
        pass.tripsUpdated += updated
    }

    private func alerts(_ vehicle: String, _ pass: inout Pass) throws {
        let (added, updated) = try sync(.alerts, vehicle, &pass) { try store.record(alert: $0, vehicle: vehicle) }
        pass.alertsAdded += added
        pass.alertsUpdated += updated
    }

    private func alarms(_ vehicle: String, _ pass: inout Pass) throws {
        let (added, updated) = try sync(.alarms, vehicle, &pass) { try store.record(alarm: $0, vehicle: vehicle) }
        pass.alarms += added + updated
    }

    /// The vehicle's remote actions under each of the account's Remote callbacks (the API lists them per callback,
    /// whole: it has no time filter for them).
    private func remoteActions(_ vehicle: String, _ pass: inout Pass) throws {
        for callback in try remoteCallbacks(&pass) {
            let path = APIContext.vehiclePath(vehicle, "callbacks/\(URLEncoding.encode(callback))/remotes")
            var changed = 0
            try each(APIRequest.get(path), &pass) { document in
                if try store.record(remoteAction: document, vehicle: vehicle, fetchedAt: now()) != .unchanged { changed += 1 }
            }
            pass.remoteActions += changed
        }
    }

    /// The account's callbacks of type Remote, read again when the last list is older than a sync's period.
    private func remoteCallbacks(_ pass: inout Pass) throws -> [String] {
        if let at = callbacks.readAt, now() - at < HistoryStore.syncEvery { return callbacks.ids }
        var ids: [String] = []
        try each(APIRequest.get("/user/callbacks", query: [("types", "Remote")]), &pass) { document in
            if let id = document["id"]?.string { ids.append(id) }
        }
        callbacks.ids = ids
        callbacks.readAt = now()
        return ids
    }

    /// Reads the vehicle's trips or alerts from where the last whole sync left them (``HistoryStore/syncStart``), with the
    /// API's own time filter, so that a pass costs one page when nothing happened; returns how many rows were added
    /// and updated.
    private func sync(_ table: RecordedTable, _ vehicle: String, _ pass: inout Pass, _ keep: (JSON) throws -> RecordOutcome) throws -> (Int, Int) {
        let start = try store.syncStart(table, vehicle: vehicle, overlap: overlap)
        let query: [(name: String, value: String?)] = start.map { [("timestamps", Timestamp.format($0) + "/")] } ?? []
        var added = 0
        var updated = 0
        try each(APIRequest.get(APIContext.vehiclePath(vehicle, table.rawValue), query: query), &pass) { document in
            switch try keep(document) {
            case .added: added += 1
            case .updated: updated += 1
            case .unchanged: break
            }
        }
        if !isStopped() { try store.noteSyncedWhole(table, vehicle: vehicle) }
        return (added, updated)
    }

    /// Every item of a collection, page by page, each parsed and kept before the next page is asked for.
    private func each(_ request: APIRequest, _ pass: inout Pass, _ keep: (JSON) throws -> Void) throws {
        let cursor = CollectionCursor(session: session, request: request)
        let before = session.budget.sent
        defer { pass.requests += session.budget.sent - before }
        while let item = try cursor.next() {
            try keep(try Self.parse(item))
            if isStopped() { return }
        }
    }

    private func send(_ request: APIRequest, _ pass: inout Pass) throws -> [UInt8] {
        let before = session.budget.sent
        defer { pass.requests += session.budget.sent - before }
        return try session.send(request).body
    }

    /// The server's now, in whole seconds: what `fetchedAt` records.
    private func now() -> Int { Int(session.serverClock.now.timeIntervalSince1970) }

    private static func parse(_ bytes: [UInt8]) throws -> JSON {
        do throws(JSONParseError) { return try JSONParser.parse(bytes) } catch {
            throw ClientError(code: .decoding, request: "record", message: "an answer is not JSON: \(error.message)")
        }
    }

    private static func words(_ error: any Error) -> String {
        if let error = error as? ClientError { return "\(error.request): \(error.message)" }
        return "\(error)"
    }
}
