import Client
import Foundation

/// A real `ccsh-sandbox` process on an ephemeral port, for tests: started, waited for (its `READY` line), and
/// stopped with SIGTERM. Its standard input is a pipe it watches, so it also exits if the test runner dies.
package final class SandboxProcess: @unchecked Sendable {
    package let directory: URL
    package let endpoints: SandboxEndpoints
    package let readyLine: String
    private let process: Process
    private let stdin: Pipe
    /// What the sandbox wrote to stderr (its `--log` lines), for secret-leak checks.
    private let stderrFile: URL

    /// Where test sandboxes pin their world (`--epoch`), so that what they generate is the same on any day.
    package static let epoch = "2026-11-01T00:00:00Z"

    /// Starts a sandbox with `arguments` (besides `--state` and `--port 0`) in a fresh temporary directory, or in
    /// `directory` to reuse a state (a restart). Its world stands still (`--time-scale 0`) and its history ends at
    /// ``epoch`` unless `arguments` say otherwise: tests advance the clock, so what they read never changes under
    /// them.
    package static func start(_ arguments: [String] = [], directory: URL? = nil) throws -> SandboxProcess {
        let directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-sandbox-\(UUID().uuidString)")
        return try SandboxProcess(arguments: arguments, directory: directory)
    }

    private init(arguments: [String], directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        stderrFile = directory.appendingPathComponent("stderr-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: stderrFile.path, contents: nil) else {
            throw SandboxProcessError("cannot create \(stderrFile.path)")
        }
        process = Process()
        process.executableURL = try Self.binaryURL()
        let still = arguments.contains("--time-scale") ? [] : ["--time-scale", "0"]
        let pinned = arguments.contains("--epoch") ? [] : ["--epoch", Self.epoch]
        process.arguments = ["--state", directory.path, "--port", "0", "--exit-on-stdin-eof"] + still + pinned + arguments
        let stdout = Pipe()
        stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        let line = try Self.readLine(stdout.fileHandleForReading, timeout: 60)
        guard line.hasPrefix("READY ") else {
            process.terminate()
            let log = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            throw SandboxProcessError("sandbox did not start: \(line) \(log)")
        }
        readyLine = line
        endpoints = try SandboxEndpoints.load(directory)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Sends SIGTERM and returns the exit status.
    @discardableResult
    package func stop(signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    package var isRunning: Bool { process.isRunning }

    /// Everything the sandbox wrote to stderr so far.
    package var stderrText: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// The sandbox's log once `condition` holds, or as it is after `timeout`. The sandbox logs a request after its
    /// response, so a test that reads the log polls for the line instead of sleeping a fixed time (which races on a
    /// loaded machine).
    @discardableResult
    package func log(within timeout: TimeInterval = 10, where condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = stderrText
        while !condition(text), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            text = stderrText
        }
        return text
    }

    /// TLS options with the sandbox's CA and client certificate (plain key).
    package var tls: TLSOptions {
        TLSOptions(caFile: endpoints.caCert, certificateFile: endpoints.clientCert, keyFile: endpoints.clientKey)
    }

    /// `ccsh-sandbox` next to the test binary, or `$CCSH_SANDBOX`.
    package static func binaryURL() throws -> URL {
        guard let url = Executables.url(for: "ccsh-sandbox", override: "CCSH_SANDBOX") else {
            throw SandboxProcessError("ccsh-sandbox not found next to the tests or in .build/debug: run `swift build` first")
        }
        return url
    }

    private static func readLine(_ handle: FileHandle, timeout: Double) throws -> String {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let data = try handle.read(upToCount: 1), let byte = data.first else { break }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A sandbox that could not be started or found.
package struct SandboxProcessError: Error, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}
