import APIContract
import Foundation
import SafeFile

/// `ccsh --sandbox`: starts `ccsh-sandbox` (beside the ccsh binary, or `$CCSH_SANDBOX`) with its state in
/// `$XDG_STATE_HOME/ccsh/sandbox`, waits for its READY line, and builds a `sandbox` profile from its
/// `sandbox.json`. `$CCSH_SANDBOX_TIME_SCALE` sets how fast its world runs (0 stands it still, for reproducible
/// screens; real time by default), and `$CCSH_SANDBOX_EPOCH` where a new world's history ends (now by default). The sandbox reads its stdin from us and exits when that closes, so it stops with ccsh even
/// when ccsh is killed. One sandbox serves a state directory: a ccsh that finds one running there (or starting)
/// uses it, and it goes on serving until the last ccsh using it is gone (``SandboxDirectory``).
package final class LocalSandbox {
    /// The sandbox this ccsh started; nil when it uses one another ccsh started on the same state directory.
    private let process: Process?
    private let stdin: Pipe?
    /// Held (shared) while this ccsh uses the sandbox: it keeps serving until every user is gone.
    private var usersLock: FileLock?
    package let profile: Profile
    package let clientSecret: String
    package let stateDirectory: URL

    /// How long a sandbox another ccsh is starting may take to be ready.
    static let readyTimeout = 30.0

    package init(environment: [String: String] = ProcessEnvironment.snapshot) throws {
        let binary = try Self.binary(environment)
        stateDirectory = StateDirectory.url(environment: environment).appendingPathComponent("sandbox")
        let shared = SandboxDirectory(stateDirectory.path)
        usersLock = try Self.use(shared)
        (process, stdin) = try Self.startOrFind(shared, binary: binary, directory: stateDirectory, environment: environment)
        let json = try Self.description(of: stateDirectory)
        func field(_ name: String) throws -> String {
            guard let text = json[name]?.string else { throw Self.failure("sandbox.json has no '\(name)'") }
            return text
        }
        clientSecret = try field("client_secret")
        profile = Profile.sandbox(
            realm: try field("realm"), baseURL: try field("base_url"), serverURL: try field("server_url"), clientID: try field("client_id"),
            clientSecret: clientSecret, caCert: try field("ca_cert"), clientCert: try field("client_cert"), clientKey: try field("client_key"),
            redirectURI: try field("redirect_uri"))
    }

    /// The shared lock of the sandbox's users, taken (the directory made first); it waits while a sandbox whose
    /// users are all gone is saving its world and ending.
    private static func use(_ shared: SandboxDirectory) throws(ClientError) -> FileLock {
        do throws(SafeFileError) {
            try SafeFile.makeDirectory(shared.path)
            return try FileLock(for: shared.users, shared: true)
        } catch {
            throw failure(error.description)
        }
    }

    /// Starts `ccsh-sandbox` on `directory` and waits for its READY line; its stderr goes to `DIR/sandbox.err`,
    /// whose end is the error when it does not start.
    private static func start(_ process: Process, binary: URL, stdin: Pipe, directory: URL, environment: [String: String]) throws {
        process.executableURL = binary
        process.arguments =
            ["--state", directory.path, "--port", "0", "--exit-on-stdin-eof"]
            + (environment["CCSH_SANDBOX_TIME_SCALE"].map { ["--time-scale", $0] } ?? [])
            + (environment["CCSH_SANDBOX_EPOCH"].map { ["--epoch", $0] } ?? [])
        let errors = directory.appendingPathComponent("sandbox.err")
        let descriptor = open(errors.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = descriptor >= 0 ? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true) : FileHandle.nullDevice
        do { try process.run() } catch { throw failure("cannot start \(binary.path): \(error.localizedDescription)") }
        guard let ready = firstLine(stdout.fileHandleForReading), ready.hasPrefix("READY ") else {
            process.terminate()
            process.waitUntilExit()
            let said = (try? String(contentsOf: errors, encoding: .utf8))?.split(separator: "\n").suffix(3).joined(separator: "; ") ?? ""
            throw failure(
                said.isEmpty ? "the sandbox did not start (no READY line)" : "the sandbox did not start: \(said)",
                hint: "its whole output is in \(errors.path)")
        }
    }

    /// Starts a sandbox on the directory, or finds the one that holds it and waits until it serves (its ready
    /// file); nil for a sandbox found. Two ccsh starting at once both try: the sandbox that takes the directory
    /// first serves both, and the other's ends at once.
    private static func startOrFind(
        _ shared: SandboxDirectory, binary: URL, directory: URL, environment: [String: String]
    ) throws -> (Process?, Pipe?) {
        let deadline = Date().addingTimeInterval(readyTimeout)
        while true {
            if shared.isHeld {
                if FileManager.default.fileExists(atPath: shared.readyFile) { return (nil, nil) }
            } else {
                let process = Process()
                let input = Pipe()
                do {
                    try start(process, binary: binary, stdin: input, directory: directory, environment: environment)
                    return (process, input)
                } catch {
                    // Another sandbox took the directory first: go on and wait for it to serve.
                    guard shared.isHeld else { throw error }
                }
            }
            guard Date() < deadline else { throw failure("the sandbox on \(shared.path) is not ready after \(Int(readyTimeout)) s") }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    deinit { stop() }

    /// A session on the sandbox, logged in through the authorization-code flow with PKCE (the sandbox's demo
    /// user consents at once, so the "browser" is one GET of the authorize URL).
    ///
    /// Several ccsh logging in to one sandbox at once take turns: a login's PKCE verifier waits in the token
    /// directory between its two steps, and another login would replace it.
    package func login(tokenDirectory: URL, cancellation: Cancellation? = nil) throws -> Session {
        let turn: FileLock
        do throws(SafeFileError) {
            try SafeFile.makeDirectory(tokenDirectory.path)
            turn = try FileLock(for: tokenDirectory.appendingPathComponent("sandbox-login").path)
        } catch {
            throw Self.failure(error.description)
        }
        defer { withExtendedLifetime(turn) {} }
        let session = try Session(
            profile: profile, clientSecret: clientSecret, tls: profile.tls, tokenDirectory: tokenDirectory, cancellation: cancellation)
        let url = try session.beginLogin()
        let browser = try CurlTransport(tls: profile.tls)
        guard let redirect = try browser.perform(HTTPRequestData(method: "GET", url: url)).header("Location") else {
            throw Self.failure("the sandbox's authorize endpoint did not redirect")
        }
        try session.completeLogin(pasted: redirect)
        return session
    }

    /// This ccsh is done with the sandbox: it stops now unless another ccsh uses it (then it stops after the last).
    package func stop() {
        usersLock = nil
        guard let process, process.isRunning else { return }
        // Asked before stdin closes: at end of file the sandbox takes the users' lock itself, to end.
        let isUsed = SandboxDirectory(stateDirectory.path).isUsed
        try? stdin?.fileHandleForWriting.close()
        guard !isUsed else { return }
        process.terminate()
        process.waitUntilExit()
    }

    private static func binary(_ environment: [String: String]) throws -> URL {
        if let path = environment["CCSH_SANDBOX"] { return URL(fileURLWithPath: path) }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let beside = executable.deletingLastPathComponent().appendingPathComponent("ccsh-sandbox")
        guard FileManager.default.isExecutableFile(atPath: beside.path) else {
            throw failure(
                "ccsh-sandbox is not beside ccsh (\(beside.path))", hint: "build it (`swift build --product ccsh-sandbox`) or set CCSH_SANDBOX")
        }
        return beside
    }

    private static func description(of directory: URL) throws -> JSON {
        let file = directory.appendingPathComponent("sandbox.json")
        guard let data = FileManager.default.contents(atPath: file.path), let json = try? JSONParser.parse(Array(data)), json.members != nil else {
            throw failure("cannot read \(file.path)")
        }
        return json
    }

    private static func firstLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while let data = try? handle.read(upToCount: 1), let byte = data.first, byte != 0x0A { bytes.append(byte) }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private static func failure(_ message: String, hint: String? = nil) -> ClientError {
        ClientError(code: .sandbox, request: "sandbox", message: message, hint: hint)
    }
}
