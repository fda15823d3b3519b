import APIContract
import Client
import Foundation
import History
import Shell

/// `record` (also `ccsh record`): keeps the profile's cars' history in its SQLite database (docs/history.md) —
/// status and position, trips, alerts — reading only, never waking a car. `--once` makes one pass (for cron);
/// otherwise it reads each car on its own schedule (``RecordSchedule``: often while it drives or charges, rarely
/// while it sleeps), within `--share` of the day quota, until SIGINT or SIGTERM, which end it after the write in
/// progress, with status 0.
struct RecordCommand: Command {
    let api: APIContext

    var signature: Signature {
        ListenerSetup.flags(on: ownSignature)
    }

    private var ownSignature: Signature {
        Signature("record", summary: "Keep the cars' history in SQLite: status, positions, trips, alerts (never wakes a car).")
            .flag("vehicle", .kind(.vehicle), repeatable: true, "Record this vehicle only (repeat for several; default: every one).")
            .switch("once", "Make one pass and stop (for cron).")
            .flag("db", .string, "The database file (default: the profile's `db`, else ~/.local/share/ccsh/PROFILE.sqlite).")
            .switch("verbose", short: "v", "Print one line per pass.")
            .switch("install-service", "Write a systemd user unit that keeps `record` running for this profile, and start it.")
            .switch("uninstall-service", "Stop that unit and remove it.")
            .flag("share", .string, "The share of the API's day quota it may spend: 50% by default.")
            .flag(
                "listen", .int,
                "Also receive the cars' notifications on this port (0: any), each kept as it comes; a car that sends them is read less often."
            )
            .output("record")
            .example("record --once | get snapshots", "One pass: how many new status snapshots it kept.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        if call.isSet("install-service") || call.isSet("uninstall-service") { return try service(call) }
        let session = try api.session
        let listenPort = try Self.listenPort(call)
        let path = try HistoryDatabase.path(call, api: api)
        let store: HistoryStore
        do { store = try HistoryStore(path: path) } catch {
            throw call.error(error.description, hint: "give another file with --db PATH", argument: call.string("db") == nil ? nil : "db")
        }
        let interpreter = context.interpreter
        var recorder = Recorder(store: store, session: session)
        recorder.isStopped = { interpreter.isInterrupted() }
        recorder.speaks417 = api.apiVersion == .v417
        let verbose = call.isSet("verbose")
        let log: (String) -> Void = { line in
            if verbose {
                interpreter.writeError("record: " + Timestamp.format(Int(session.serverClock.pacedNow.timeIntervalSince1970)) + ": " + line + "\n")
            }
        }
        var total = Recorder.Pass()
        var wanted = try (call.flagValues["vehicle"] ?? []).map { try VehicleResolver(api: api).id(for: $0.value, at: $0.range) }
        var listed = Recorder.Pass()
        do {
            let all = try recorder.vehicles(&listed)
            if wanted.isEmpty { wanted = all }
        } catch  where interpreter.isInterrupted() {}
        total.add(listed)
        var passes = 0
        var notifications = 0
        if call.isSet("once") {
            var pass = recorder.pass(wanted)
            total.add(pass)
            pass.requests += listed.requests
            passes = 1
            api.recordUsage()
            log(pass.line)
        } else {
            let share = try Self.share(call)
            var schedule = RecordSchedule(vehicles: wanted, share: share)
            let inbox = RecordInbox(
                own: try listenPort.map { try ListenerSetup(api: api).start(call, port: $0) }, watching: Array(api.listeners.values))
            if let url = inbox.url { log("listening on \(url) for the cars' notifications") }
            // Between reads: each notification kept, then acknowledged; true when it makes a car due now.
            let hear: (Double) -> Bool = { timeout in
                guard let (notification, acknowledge) = inbox.next(timeout: timeout) else { return false }
                let at = Int(session.serverClock.pacedNow.timeIntervalSince1970)
                do {
                    let outcome = try store.record(notification: notification, receivedAt: at)
                    acknowledge()
                    guard outcome.isNew else { return false }
                    notifications += 1
                    total.snapshots += outcome.snapshots
                    for vehicle in outcome.vehicles {
                        schedule.notified(vehicle, at: Double(at), status: outcome.statuses[vehicle])
                        if outcome.statuses[vehicle] != nil { try store.deriveChargeSessions(vehicle: vehicle) }
                    }
                    log(Self.line(notification, outcome))
                } catch {
                    // Not acknowledged: the API sends it again.
                    log("a notification was not kept: \(error)")
                }
                return schedule.nextDue <= Double(at)
            }
            log("reading \(wanted.count) vehicle\(wanted.count == 1 ? "" : "s"), within \(Int(share * 100)) % of the day quota")
            // Said once each time reads start waiting for the share, not at every wait.
            var holding = false
            while !interpreter.isInterrupted() {
                let now = session.serverClock.pacedNow.timeIntervalSince1970
                if let hold = Self.quotaHold(&schedule, session.budget.latest, at: now) {
                    log(hold)
                    guard
                        wait(
                            until: now + 900, on: session.serverClock, interpreter: interpreter,
                            hearing: {
                                _ = hear($0)
                                return false
                            })
                    else { break }
                    continue
                }
                var pass = Recorder.Pass()
                for due in schedule.due(at: now) {
                    let pause = schedule.wait(at: now)
                    guard pause == 0 else {
                        if !holding { log("keeping to \(Int(share * 100)) % of the day quota: the next read in \(Int(pause.rounded(.up))) s") }
                        holding = true
                        break
                    }
                    holding = false
                    let before = session.budget.sent
                    var read = Recorder.Pass(vehicles: 1)
                    let reading = recorder.read(due.vehicle, sync: due.sync, &read)
                    schedule.spent(session.budget.sent - before, at: now)
                    schedule.read(
                        due.vehicle, at: now, driving: reading?.isDriving == true,
                        charging: reading?.chargingStatus == "InProgress", reportedAt: reading?.reportedAt.map(Double.init),
                        synced: due.sync && read.failures.isEmpty)
                    pass.add(read)
                    pass.vehicles += 1
                    if read.stopped { break }
                }
                if pass.vehicles > 0 {
                    passes += 1
                    total.add(pass)
                    api.recordUsage()
                    log(pass.line)
                }
                let next = max(1, min(schedule.nextDue - now, max(schedule.wait(at: now), 1)))
                guard wait(until: now + min(next, 900), on: session.serverClock, interpreter: interpreter, hearing: hear) else { break }
            }
        }
        if interpreter.isInterrupted() { interpreter.settleInterrupt() }
        return .value(
            .record(
                Record([
                    .init(name: "database", value: .string(path)), .init(name: "passes", value: .int(passes)),
                    .init(name: "vehicles", value: .int(wanted.count)), .init(name: "requests", value: .int(total.requests)),
                    .init(name: "snapshots", value: .int(total.snapshots)), .init(name: "tripsAdded", value: .int(total.tripsAdded)),
                    .init(name: "tripsUpdated", value: .int(total.tripsUpdated)), .init(name: "alertsAdded", value: .int(total.alertsAdded)),
                    .init(name: "alertsUpdated", value: .int(total.alertsUpdated)), .init(name: "notifications", value: .int(notifications)),
                    .init(name: "alarms", value: .int(total.alarms)), .init(name: "remoteActions", value: .int(total.remoteActions)),
                    .init(name: "failures", value: .list(total.failures.map(Value.string))),
                ])))
    }

    /// `--install-service` or `--uninstall-service` (``RecordService``): the unit written or removed, whether
    /// systemd took it, and what to run when it could not be asked.
    private func service(_ call: Call) throws -> PipelineData {
        guard !(call.isSet("install-service") && call.isSet("uninstall-service")) else {
            throw call.error(
                "--install-service and --uninstall-service together", hint: "give one", argument: "uninstall-service", code: .badArgument)
        }
        var arguments: [String] = []
        if let db = call.string("db") { arguments += ["--db", Self.absolute(db)] }
        if let share = call.string("share") {
            _ = try Self.share(call)
            arguments += ["--share", share]
        }
        if call.isSet("verbose") { arguments.append("-v") }
        if let port = try Self.listenPort(call) {
            arguments += ["--listen", String(port)]
            for flag in ["bind", "cert", "key"] { if let value = call.string(flag) { arguments += ["--" + flag, Self.absolute(value)] } }
            if call.isSet("tls") { arguments.append("--tls") }
            if let secret = call.string("secret") {
                // The unit is world-readable: a secret goes in as the file it is read from, never as itself.
                guard secret.hasPrefix("file:") else {
                    var error = call.error(
                        "a service's --secret must be file:PATH", hint: "put the secret in a file of mode 0600 and give file:PATH",
                        argument: "secret", code: .badArgument)
                    error.concealed = call.flagValues["secret"]?.last?.range
                    throw error
                }
                arguments += ["--secret", "file:" + Self.absolute(String(secret.dropFirst(5)))]
            }
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let service = RecordService(
            profile: try api.session.profile, executable: executable, arguments: arguments, environment: ProcessEnvironment.snapshot)
        var answer = Record([.init(name: "unit", value: .string(service.name)), .init(name: "path", value: .string(service.path))])
        if call.isSet("uninstall-service") {
            let stopped = RecordService.systemctl(["disable", "--now", service.name])
            let removed = service.uninstall()
            if removed { _ = RecordService.systemctl(["daemon-reload"]) }
            answer["removed"] = .bool(removed)
            answer["stopped"] = .bool(stopped)
            return .value(.record(answer))
        }
        if let refusal = service.refusal {
            throw call.error("a service could not run `record` for this profile: \(refusal)", hint: "`profile show` shows its secrets' sources")
        }
        do { try service.install() } catch { throw call.error("cannot write \(service.path): \(error)", code: .failed) }
        let started = RecordService.systemctl(["daemon-reload"]) && RecordService.systemctl(["enable", "--now", service.name])
        answer["started"] = .bool(started)
        if !started {
            answer["then"] = .string("systemctl --user daemon-reload && systemctl --user enable --now \(service.name)")
        }
        return .value(.record(answer))
    }

    /// A path by its whole self: a service starts elsewhere.
    private static func absolute(_ path: String) -> String {
        let expanded = HomeDirectory.expanding(path)
        return expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
    }

    /// `--share 50%` (or `0.5`): the share of the day quota the recorder may spend; 50 % by default.
    static func share(_ call: Call) throws -> Double {
        guard let text = call.string("share") else { return 0.5 }
        let percent = text.hasSuffix("%")
        guard let number = Double(percent ? String(text.dropLast()) : text), number > 0 else {
            throw call.error("--share '\(text)' is not a share", hint: "write a percentage like 50% or 25%", argument: "share", code: .badArgument)
        }
        let share = percent || number > 1 ? number / 100 : number
        guard share <= 1 else { throw call.error("--share is at most 100%", argument: "share", code: .badArgument) }
        return share
    }

    /// Why reads wait now (the gateway says other clients left less than the recorder's share), or nil; sizes the
    /// schedule's bucket from the quota's limit.
    static func quotaHold(_ schedule: inout RecordSchedule, _ latest: RateLimitReading?, at now: Double) -> String? {
        guard let limit = latest?.dayLimit else { return nil }
        schedule.quota(limit: limit, at: now)
        guard let remaining = latest?.dayRemaining, !schedule.leavesRoom(limit: limit, remaining: remaining) else { return nil }
        return "\(remaining) of the day quota's \(limit) requests remain, less than its \(Int(schedule.share * 100)) % for record: waiting"
    }

    /// `$XDG_DATA_HOME/ccsh/PROFILE.sqlite` unless the profile names its own `db`.
    static func defaultPath(_ profile: Profile) -> String {
        profile.database ?? HistoryStore.defaultPath(profile: profile.name, environment: ProcessEnvironment.snapshot)
    }

    /// Waits in short slices until the server's clock says `instant` (seconds since 1970): as many machine seconds
    /// as that is server seconds at the server clock's rate (fewer for a sandbox whose world runs faster), each
    /// slice spent `hearing` notifications, which ends the wait early by returning true; false when a signal came.
    private func wait(until instant: Double, on clock: ServerClock, interpreter: Interpreter, hearing: (Double) -> Bool) -> Bool {
        let end = Date().addingTimeInterval(max(0, instant - clock.pacedNow.timeIntervalSince1970) / clock.rate)
        while Date() < end {
            if interpreter.isInterrupted() { return false }
            if hearing(min(0.1, max(0, end.timeIntervalSinceNow))) { break }
        }
        return !interpreter.isInterrupted()
    }

    /// `--listen PORT`, checked: not with --once, and the listener's own flags only with it.
    static func listenPort(_ call: Call) throws -> UInt16? {
        guard let port = try ListenerSetup.port(call, flag: "listen") else {
            if let setting = ["bind", "secret", "cert", "key"].first(where: { call.value($0) != nil }) ?? (call.isSet("tls") ? "tls" : nil) {
                throw call.error("--\(setting) sets up the listener of --listen", hint: "add --listen PORT", argument: setting, code: .badArgument)
            }
            return nil
        }
        guard !call.isSet("once") else {
            throw call.error(
                "--listen receives notifications while record runs; --once stops after one pass",
                hint: "drop --once, or run `listen` beside it", argument: "listen", code: .badArgument)
        }
        return port
    }

    /// `notification: Monitor, 1 car, status +1` for `-v`.
    static func line(_ notification: JSON, _ outcome: NotificationOutcome) -> String {
        let kind = notification["type"]?.string ?? (notification["events"] != nil ? "Monitor" : "unknown")
        let cars =
            outcome.vehicles.isEmpty
            ? "no recorded car named (give the callback a Body attribute vin=$vin)"
            : "\(outcome.vehicles.count) car\(outcome.vehicles.count == 1 ? "" : "s")"
        return "notification: \(kind), \(cars), status +\(outcome.snapshots)"
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
        alarms += other.alarms
        remoteActions += other.remoteActions
        failures += other.failures
    }
}
