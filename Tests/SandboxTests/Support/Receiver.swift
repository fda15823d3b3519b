import APIContract
import Foundation

/// A real webhook receiver on 127.0.0.1 (Tests/Receiver/receiver.py, Python's http.server): what it received,
/// in order, read back from its log. It can refuse its first posts (500), and be stopped and started again on the
/// same port, to play a callback target that is down.
final class Receiver {
    let port: Int
    let log: URL
    private let process: Process

    /// Starts a receiver (on `port`, or a free one) that answers 500 to its first `failing` posts.
    init(port: Int = 0, failing: Int = 0, log: URL? = nil) throws {
        self.log = log ?? FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-receiver-\(UUID().uuidString).ndjson")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Receiver/receiver.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--port", String(port), "--fail", String(failing), "--log", self.log.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("READY "), let bound = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw TestFailure("the receiver did not start: \(line)")
        }
        self.port = bound
    }

    var url: String { "http://127.0.0.1:\(port)/messages/webhook" }

    /// Every post received: its headers, body and the status it was answered.
    var posts: [JSON] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)) }
    }

    /// The messages received and accepted (200), batches opened, in order.
    var messages: [JSON] {
        posts.filter { $0["answered"]?.number == 200 }.flatMap { post -> [JSON] in
            guard let body = post["body"] else { return [] }
            return body.array ?? [body]
        }
    }

    /// ``messages`` as the sandbox meant them. Delivery is at least once: a post the sandbox stopped waiting for (its
    /// deadline passed on a loaded machine) may have reached the receiver all the same, and its retry brings the same
    /// messages again. Those copies are dropped — a message equal to one received before, and no more of them than
    /// the sandbox's log shows unanswered posts to this receiver carried; with none, this is ``messages`` whole, so a
    /// monitor that fired twice still shows twice.
    func messagesOnce(_ client: APIClient) throws -> [JSON] {
        let attempts = try client.control("/_control/deliveries").json["attempts"]?.array ?? []
        var copies = attempts.filter { $0["target"]?.string == url && $0["received"] == .bool(false) && $0["error"] != nil }
            .reduce(0) { $0 + ($1["notifications"]?.array?.count ?? 0) }
        var kept: [JSON] = []
        for message in messages {
            if copies > 0, kept.contains(message) {
                copies -= 1
            } else {
                kept.append(message)
            }
        }
        return kept
    }

    /// Where the webhook templates are: `$CCSH_SPEC_DIR`, else `../shared/reference` beside the repository (where CI
    /// has them); nil, after one line saying the template checks are skipped, when they are not there.
    static let templateDirectory: URL? = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory =
            ProcessInfo.processInfo.environment["CCSH_SPEC_DIR"].map { URL(fileURLWithPath: $0) }
            ?? repository.deletingLastPathComponent().appendingPathComponent("shared/reference")
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("connectedcar-v4.16-webhook-template.yaml").path) else {
            print("webhook template checks: skipped, \(directory.path) has no templates (set CCSH_SPEC_DIR to the reference folder)")
            return nil
        }
        return directory
    }()

    /// Problems of the accepted messages against the webhook template's `Message` schema (Tests/Receiver/validate.py,
    /// with connectedcar-v4.16-webhook-template.yaml from ``templateDirectory``); empty when every message is valid,
    /// and when the templates are not there (skipped, said once). `v40` checks v4.0 `MonitorEvents` bodies against
    /// connectedcar-v4.0-webhook-template.yaml instead.
    func templateProblems(v40: Bool = false) throws -> String {
        guard let directory = Self.templateDirectory else { return "" }
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let template = directory.appendingPathComponent("connectedcar-\(v40 ? "v4.0" : "v4.16")-webhook-template.yaml")
        let validator = Process()
        validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validator.arguments = [
            "python3", tests.appendingPathComponent("Receiver/validate.py").path, template.path, log.path, v40 ? "MonitorEvents" : "Message",
        ]
        let output = Pipe()
        validator.standardOutput = output
        validator.standardError = output
        try validator.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validator.waitUntilExit()
        return validator.terminationStatus == 0 ? "" : text
    }

    /// Stops the receiver at once (SIGKILL: what it received is already in its log), and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
