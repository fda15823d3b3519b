import Client
import Foundation
import SafeFile
import Shell

/// `ccsh --sandbox`: starts `ccsh-sandbox` (beside the ccsh binary, or `$CCSH_SANDBOX`) with its state in
/// `$XDG_STATE_HOME/ccsh/sandbox`, waits for its READY line, and builds a `sandbox` profile from its
/// `sandbox.json`. `$CCSH_SANDBOX_TIME_SCALE` sets how fast its world runs (0 stands it still, for reproducible
/// screens; real time by default). The sandbox reads its stdin from us and exits when that closes, so it stops with ccsh even
/// when ccsh is killed; `stop()` ends it at once.
package final class LocalSandbox {
    private let process: Process
    private let stdin: Pipe
    package let profile: Profile
    package let clientSecret: String
    package let stateDirectory: URL

    package init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let binary = try Self.binary(environment)
        stateDirectory = StateDirectory.url(environment: environment).appendingPathComponent("sandbox")
        try SafeFile.makeDirectory(stateDirectory.path)
        process = Process()
        process.executableURL = binary
        process.arguments =
            ["--state", stateDirectory.path, "--port", "0", "--exit-on-stdin-eof"]
            + (environment["CCSH_SANDBOX_TIME_SCALE"].map { ["--time-scale", $0] } ?? [])
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw Self.failure("cannot start \(binary.path): \(error.localizedDescription)") }
        guard let ready = Self.firstLine(stdout.fileHandleForReading), ready.hasPrefix("READY ") else {
            process.terminate()
            throw Self.failure("the sandbox did not start (no READY line)")
        }
        let json = try Self.description(of: stateDirectory)
        func field(_ name: String) throws -> String {
            guard case .string(let text)? = json[name] else { throw Self.failure("sandbox.json has no '\(name)'") }
            return text
        }
        clientSecret = try field("client_secret")
        let realm = try field("realm")
        profile = Profile(
            name: "sandbox", brand: Brand.all.first { $0.realm == realm } ?? Brand.all[0], realm: realm, apiBase: try field("base_url"),
            idpBase: try field("server_url") + "/am/oauth2", clientID: try field("client_id"), clientSecret: .literal(clientSecret),
            tls: TLSOptions(caFile: try field("ca_cert"), certificateFile: try field("client_cert"), keyFile: try field("client_key")),
            redirectURI: try field("redirect_uri"))
    }

    deinit { stop() }

    /// A session on the sandbox, logged in through the authorization-code flow with PKCE (the sandbox's demo
    /// user consents at once, so the "browser" is one GET of the authorize URL).
    package func login(tokenDirectory: URL, cancellation: Cancellation? = nil) throws -> Session {
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

    /// Stops the sandbox now.
    package func stop() {
        guard process.isRunning else { return }
        try? stdin.fileHandleForWriting.close()
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

    private static func description(of directory: URL) throws -> Record {
        let file = directory.appendingPathComponent("sandbox.json")
        guard let data = FileManager.default.contents(atPath: file.path), case .record(let record)? = try? JSONReader.value(from: Array(data)) else {
            throw failure("cannot read \(file.path)")
        }
        return record
    }

    private static func firstLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while let data = try? handle.read(upToCount: 1), let byte = data.first, byte != 0x0A { bytes.append(byte) }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    private static func failure(_ message: String, hint: String? = nil) -> ShellError {
        ShellError(.failed, "sandbox: " + message, hint: hint)
    }
}
