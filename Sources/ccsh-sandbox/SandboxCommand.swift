import APIContract
import ArgumentParser
import Foundation
import SafeFile
import Sandbox
import Synchronization

/// `ccsh-sandbox`: a local, faithful simulator of the Connected Car v4 API over HTTPS with mutual TLS and OAuth2.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccsh-sandbox",
        abstract: "Run a local simulator of the Stellantis Connected Car v4 API (HTTPS, mutual TLS, OAuth2).",
        discussion: """
            Binds 127.0.0.1 only. Once listening it writes DIR/sandbox.json (URLs, client id and secret, demo user, \
            certificate paths) and prints one line: READY <server-url> <state-dir>. SIGTERM or SIGINT stop it cleanly.
            """)

    @Option(name: .customLong("state"), help: ArgumentHelp("Directory for certificates, monitors and sandbox.json.", valueName: "dir"))
    var state: String

    @Option(help: "TCP port; 0 picks a free one.")
    var port = 0

    @Option(help: "Seed for all generated data.")
    var seed: UInt64 = 42

    @Option(
        help: ArgumentHelp(
            "Where a new world's generated history ends and its clock starts: an RFC 3339 instant (reproducible data), or now (the default). A saved world keeps its own.",
            valueName: "instant"))
    var epoch: String?

    @Option(help: "Number of vehicles of the demo user.")
    var vehicles = 3

    @Option(help: "Alerts per vehicle.")
    var alerts = 25

    @Option(help: "Trips per vehicle.")
    var trips = 12

    @Option(help: ArgumentHelp("Client certificates: required, optional or off.", valueName: "mode"))
    var mtls = "required"

    @Option(name: .customLong("token-ttl"), help: ArgumentHelp("Access token lifetime in seconds.", valueName: "s"))
    var tokenTTL = 3599

    @Option(name: .customLong("latency-ms"), help: ArgumentHelp("Delay added to every request.", valueName: "n"))
    var latencyMs = 0

    @Option(name: .customLong("fail-rate"), help: ArgumentHelp("Fraction of API GETs answered 500 (0…1).", valueName: "p"))
    var failRate = 0.0

    @Option(name: .customLong("fail-status"), help: ArgumentHelp("Status of the injected failures (500, 502, 503, 504).", valueName: "code"))
    var failStatus = 500

    @Option(name: .customLong("fail-methods"), help: ArgumentHelp("Comma-separated methods --fail-rate applies to.", valueName: "list"))
    var failMethods = "GET"

    @Option(name: .customLong("drop-rate"), help: ArgumentHelp("Fraction of API responses cut mid-body (0…1).", valueName: "p"))
    var dropRate = 0.0

    @Option(
        name: .customLong("garble"),
        help: ArgumentHelp("Replace every successful API answer: html, empty, truncated, huge (100 MB) or invalid-utf8.", valueName: "kind"))
    var garble: String?

    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("API requests allowed per window (a minute); 0 = no limit.", valueName: "n"))
    var rateLimit = 0

    @Option(name: .customLong("rate-window"), help: ArgumentHelp("The rate-limit window in seconds.", valueName: "s"))
    var rateWindow = 60

    @Option(
        name: .customLong("quota"),
        help: ArgumentHelp("API requests allowed in any 24 hours of the world's clock (X-RateLimit-Limit-1).", valueName: "n"))
    var quota = 100_000

    @Option(
        name: .customLong("time-scale"),
        help: ArgumentHelp("How many times faster than real time the world runs (0 stops it; POST /_control/clock moves it).", valueName: "n"))
    var timeScale = 1.0

    @Option(
        help: ArgumentHelp(
            "The cars live a life as the clock runs: commuter (weekday commutes, weekend trips, night and fast charges).", valueName: "profile"))
    var life: String?

    @Option(
        name: .customLong("remote-fail"),
        help: ArgumentHelp("Every remote action fails with this failureCause (e.g. VehicleConnectionTimeout).", valueName: "cause"))
    var remoteFail: String?

    @Option(
        name: .customLong("drive"),
        help: ArgumentHelp("Start a car driving: N:ROUTE (out-of-paris, …), N:PLACE (versailles, …) or N:LON,LAT.", valueName: "n:where"))
    var drives: [String] = []

    @Option(name: .customLong("plug"), help: ArgumentHelp("Plug car N in (it charges).", valueName: "n"))
    var plugs: [String] = []

    @Option(name: .customLong("unplug"), help: ArgumentHelp("Unplug car N.", valueName: "n"))
    var unplugs: [String] = []

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Set a field of car N: electricLevel, fuelLevel, locked, privacy, airTemperature, position.", valueName: "n:field=value"))
    var sets: [String] = []

    @Option(name: .customLong("advance"), help: ArgumentHelp("Move the world's clock forward at start (seconds or PT2H).", valueName: "duration"))
    var advance: String?

    @Option(
        name: .customLong("clock-skew"),
        help: ArgumentHelp("Seconds the Date header of every response is off the machine's clock (a server whose clock is wrong).", valueName: "s"))
    var clockSkew = 0

    @Flag(help: "Log one line per request on stderr (method, path, status, ms).")
    var log = false

    @Flag(help: "Exit when standard input closes, tying the sandbox's life to the process that started it.")
    var exitOnStdinEof = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard (0...1_000_000).contains(vehicles) else { throw ValidationError("--vehicles must be between 0 and 1000000, got \(vehicles)") }
        guard (0...1_000_000).contains(alerts) else { throw ValidationError("--alerts must be between 0 and 1000000, got \(alerts)") }
        guard (0...100_000).contains(trips) else { throw ValidationError("--trips must be between 0 and 100000, got \(trips)") }
        guard SandboxConfiguration.MutualTLS(rawValue: mtls) != nil else {
            throw ValidationError("--mtls must be required, optional or off, got '\(mtls)'")
        }
        guard tokenTTL > 0 else { throw ValidationError("--token-ttl must be positive, got \(tokenTTL)") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must not be negative, got \(latencyMs)") }
        guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate must be between 0 and 1, got \(failRate)") }
        if let garble, Garble(rawValue: garble) == nil {
            throw ValidationError("--garble must be one of \(Garble.allCases.map(\.rawValue).joined(separator: ", ")), got \(garble)")
        }
        guard (0...1).contains(dropRate) else { throw ValidationError("--drop-rate must be between 0 and 1, got \(dropRate)") }
        guard quota >= 1 else { throw ValidationError("--quota must be at least 1, got \(quota)") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must not be negative, got \(rateLimit)") }
        guard (1...86400).contains(rateWindow) else { throw ValidationError("--rate-window must be between 1 and 86400 s, got \(rateWindow)") }
        guard [500, 502, 503, 504].contains(failStatus) else {
            throw ValidationError("--fail-status must be 500, 502, 503 or 504, got \(failStatus)")
        }
        guard timeScale.isFinite, (0...100_000).contains(timeScale) else {
            throw ValidationError("--time-scale must be between 0 and 100000, got \(timeScale)")
        }
        if let remoteFail, !RemoteValidator.failureCauses.contains(remoteFail) {
            throw ValidationError("--remote-fail must be a failureCause: \(RemoteValidator.failureCauses.joined(separator: ", ")); got \(remoteFail)")
        }
        _ = try worldChanges()
        let methods = failMethods.split(separator: ",").map { $0.uppercased() }
        guard !methods.isEmpty, methods.allSatisfy({ ["GET", "POST", "PUT", "DELETE"].contains($0) }) else {
            throw ValidationError("--fail-methods takes GET, POST, PUT and DELETE separated by commas, got '\(failMethods)'")
        }
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: state, isDirectory: true).standardizedFileURL
        var configuration = SandboxConfiguration(stateDirectory: directory)
        configuration.port = port
        configuration.seed = seed
        configuration.epoch = try epoch.flatMap { text in
            if text == "now" { return nil }
            guard let instant = Timestamp.parse(text) else {
                throw ValidationError("--epoch wants an RFC 3339 instant (2026-11-01T00:00:00Z), got '\(text)'")
            }
            return instant
        }
        configuration.vehicles = vehicles
        configuration.alerts = alerts
        configuration.trips = trips
        configuration.mtls = SandboxConfiguration.MutualTLS(rawValue: mtls) ?? .required
        configuration.tokenLifetime = tokenTTL
        configuration.faults.latencyMs = latencyMs
        configuration.faults.failRate = failRate
        configuration.faults.dropRate = dropRate
        configuration.faults.rateLimit = rateLimit
        configuration.faults.rateWindow = rateWindow
        configuration.faults.dailyQuota = quota
        configuration.faults.failStatus = failStatus
        configuration.faults.failMethods = Set(failMethods.split(separator: ",").map { $0.uppercased() })
        configuration.faults.garble = garble.flatMap(Garble.init(rawValue:))
        configuration.log = log
        configuration.timeScale = timeScale
        configuration.clockSkew = clockSkew
        configuration.remoteFailure = remoteFail
        configuration.life = try life.map { name in
            guard let profile = Life.Profile(rawValue: name) else {
                throw ValidationError("--life takes \(Life.Profile.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
            }
            return profile
        }
        configuration.startup = try worldChanges()
        let shared = SandboxDirectory(directory.path)
        let instance = try Self.hold(shared)
        let finalSave = FinalSave()
        if exitOnStdinEof { Self.exitWhenStandardInputCloses(saving: finalSave, shared: shared) }
        do {
            try await SandboxServer(configuration: configuration).run(onStarted: finalSave.set) { url in
                let line = "READY \(url) \(directory.path)\n"
                // Written unbuffered: whoever started the sandbox waits for this line on a pipe; a ccsh that finds the
                // sandbox running waits for the file.
                FileHandle.standardOutput.write(Data(line.utf8))
                try? SafeFile.write(Array(line.utf8), to: shared.readyFile, mode: 0o600)
            }
        } catch let error as SandboxStartupError {
            throw ValidationError(error.description)
        }
        unlink(shared.readyFile)
        withExtendedLifetime(instance) {}
    }

    /// The world flags as control requests, in the order: set, plug/unplug, drive, advance.
    private func worldChanges() throws -> [ControlAPI.Startup] {
        let flags =
            sets.map { ("set", $0) } + plugs.map { ("plug", $0) } + unplugs.map { ("unplug", $0) } + drives.map { ("drive", $0) }
            + (advance.map { [("advance", $0)] } ?? [])
        return try flags.map { flag, value in
            switch ControlAPI.Startup.parse(flag, value) {
            case .success(let startup): return startup
            case .failure(let error): throw ValidationError(error.description)
            }
        }
    }

    /// Takes the state directory for this sandbox alone (``SandboxDirectory/instance``), or refuses to start: two
    /// sandboxes on one directory overwrote each other's state. The ready marker of an earlier run is removed.
    private static func hold(_ shared: SandboxDirectory) throws -> FileLock {
        do {
            try SafeFile.makeDirectory(shared.path)
            // A ccsh looking whether a sandbox runs takes the lock for an instant: try for a second before refusing.
            var held = try FileLock(tryingFor: shared.instance)
            for _ in 0..<20 where held == nil {
                Thread.sleep(forTimeInterval: 0.05)
                held = try FileLock(tryingFor: shared.instance)
            }
            guard let lock = held else {
                throw ValidationError(
                    "another ccsh-sandbox holds \(shared.path); use that one (its URL is in sandbox.json), stop it, or give another --state")
            }
            unlink(shared.readyFile)
            return lock
        } catch let error as SafeFileError {
            throw ValidationError(error.description)
        }
    }

    /// Watches stdin on a background thread; at end of file (the parent is gone) it waits until no other ccsh uses
    /// the sandbox (``SandboxDirectory/users``), then saves the world and exits 0.
    private static func exitWhenStandardInputCloses(saving finalSave: FinalSave, shared: SandboxDirectory) {
        Thread.detachNewThread {
            while !FileHandle.standardInput.availableData.isEmpty {}
            // Held until the process ends: a ccsh arriving now waits, then finds no sandbox and starts its own.
            var alone: FileLock?
            while alone == nil {
                do { alone = try FileLock(tryingFor: shared.users) } catch { break }
                if alone == nil { Thread.sleep(forTimeInterval: 0.2) }
            }
            unlink(shared.readyFile)
            finalSave.run()
            withExtendedLifetime(alone) { Foundation.exit(0) }
        }
    }
}

/// What saves the running sandbox's world, once it has one.
final class FinalSave: Sendable {
    private let save = Mutex<(@Sendable () -> Void)?>(nil)

    @Sendable func set(_ action: @escaping @Sendable () -> Void) { save.withLock { $0 = action } }

    func run() { save.withLock { $0 }?() }
}
