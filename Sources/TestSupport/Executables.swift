import Foundation

/// Finds the package's executables (`ccsh`, `ccsh-sandbox`, `client-probe`) for tests that run them as processes.
package enum Executables {
    /// The executable `name` next to the test binary or in `.build/debug`, or the path in `$override`.
    package static func url(for name: String, override: String? = nil) -> URL? {
        if let override, let path = ProcessInfo.processInfo.environment[override] { return URL(fileURLWithPath: path) }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for directory in candidates {
            var url = directory
            // Inside an .xctest bundle (macOS), step out of Contents/MacOS.
            while url.path.contains(".xctest") { url.deleteLastPathComponent() }
            let binary = url.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        return nil
    }

    /// The result of running an executable to its end.
    package struct Run: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// Runs `url` with `arguments`, feeding `input` on stdin, in `directory`; waits for it to exit.
    package static func run(_ url: URL, _ arguments: [String], input: String = "", directory: URL? = nil, environment: [String: String]? = nil) throws
        -> Run
    {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment.merging(ProcessInfo.processInfo.sanitizerSettings) { old, _ in old } }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = ErrorCollector(stderr.fileHandleForReading)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: errorData.text())
    }
}

/// Reads a pipe to its end on a thread of its own, so that a full stderr pipe never blocks the child.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
