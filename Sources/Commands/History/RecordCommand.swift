import APIContract
import Client
import Foundation
import History
import Shell

/// `record` (also `ccsh record`): keeps the profile's cars' history in its SQLite database (docs/history.md) —
/// status and position, trips, alerts — reading only, never waking a car. `--once` makes one pass (for cron);
/// otherwise it runs until SIGINT or SIGTERM, which end it after the write in progress, with status 0.
struct RecordCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("record", summary: "Keep the cars' history in SQLite: status, positions, trips, alerts (never wakes a car).")
            .flag("vehicle", .kind(.vehicle), repeatable: true, "Record this vehicle only (repeat for several; default: every one).")
            .switch("once", "Make one pass and stop (for cron).")
            .flag("db", .string, "The database file (default: the profile's `db`, else ~/.local/share/ccsh/PROFILE.sqlite).")
            .switch("verbose", short: "v", "Print one line per pass.")
            .output("record")
            .example("record --once | get snapshots", "One pass: how many new status snapshots it kept.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let session = try api.session
        let path = call.string("db").map { HomeDirectory.expanding($0) } ?? Self.defaultPath(session.profile)
        let store: HistoryStore
        do { store = try HistoryStore(path: path) } catch {
            throw call.error(error.description, hint: "give another file with --db PATH", argument: call.string("db") == nil ? nil : "db")
        }
        let interpreter = context.interpreter
        var recorder = Recorder(store: store, session: session)
        recorder.isStopped = { interpreter.isInterrupted() }
        let verbose = call.isSet("verbose")
        var total = Recorder.Pass()
        var wanted = try (call.flagValues["vehicle"] ?? []).map { try VehicleResolver(api: api).id(for: $0.value, at: $0.range) }
        var passes = 0
        repeat {
            let started = Date()
            var pass = Recorder.Pass()
            do {
                let all = try recorder.vehicles(&pass)
                if wanted.isEmpty { wanted = all }
            } catch {
                if interpreter.isInterrupted() { break }
                throw error
            }
            let vehicles = pass
            pass = recorder.pass(wanted)
            pass.requests += vehicles.requests
            passes += 1
            total.add(pass)
            api.recordUsage()
            if verbose { interpreter.writeError("record: " + Timestamp.format(Int(started.timeIntervalSince1970)) + ": " + pass.line + "\n") }
            if pass.stopped || call.isSet("once") { break }
        } while wait(seconds: 300, interpreter: interpreter)
        if interpreter.isInterrupted() { interpreter.settleInterrupt() }
        return .value(
            .record(
                Record([
                    .init(name: "database", value: .string(path)), .init(name: "passes", value: .int(passes)),
                    .init(name: "vehicles", value: .int(wanted.count)), .init(name: "requests", value: .int(total.requests)),
                    .init(name: "snapshots", value: .int(total.snapshots)), .init(name: "tripsAdded", value: .int(total.tripsAdded)),
                    .init(name: "tripsUpdated", value: .int(total.tripsUpdated)), .init(name: "alertsAdded", value: .int(total.alertsAdded)),
                    .init(name: "alertsUpdated", value: .int(total.alertsUpdated)),
                    .init(name: "failures", value: .list(total.failures.map(Value.string))),
                ])))
    }

    /// `$XDG_DATA_HOME/ccsh/PROFILE.sqlite` unless the profile names its own `db`.
    static func defaultPath(_ profile: Profile) -> String {
        profile.database ?? HistoryStore.defaultPath(profile: profile.name, environment: ProcessEnvironment.snapshot)
    }

    /// Waits `seconds` in short slices; false when a signal came.
    private func wait(seconds: Double, interpreter: Interpreter) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if interpreter.isInterrupted() { return false }
            Thread.sleep(forTimeInterval: min(0.1, max(0, end.timeIntervalSinceNow)))
        }
        return !interpreter.isInterrupted()
    }
}

extension Recorder.Pass {
    /// Adds another pass's figures to these.
    mutating func add(_ other: Recorder.Pass) {
        requests += other.requests
        snapshots += other.snapshots
        tripsAdded += other.tripsAdded
        tripsUpdated += other.tripsUpdated
        alertsAdded += other.alertsAdded
        alertsUpdated += other.alertsUpdated
        failures += other.failures
    }
}
