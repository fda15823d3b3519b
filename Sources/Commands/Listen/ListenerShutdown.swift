import APIContract
import Client
import Foundation
import Listener
import SafeFile
import Shell

/// Stops a background listener without losing what it acknowledged: a `listen --background` answers 200 once it
/// keeps a notification, so what no `listen` read when it stops (`listen stop`, or the shell ending) is written to
/// a file — NDJSON, one notification a line, 0600 in a 0700 directory under ccsh's state directory — never dropped.
package enum ListenerShutdown {
    /// What one stopped listener left: where it listened, how many it kept unread, and the file that holds them.
    struct Left {
        let listener: WebhookListener
        let unread: Int
        let file: String?

        /// The stopped listener as a record: `listen --background`'s fields, `pending` the notifications it kept
        /// unread, and `savedIn` the file that holds them (null when there were none).
        var value: Value {
            guard case .record(var record) = ListenCommand.describe(listener) else { return .null }
            record["pending"] = .int(unread)
            record["savedIn"] = file.map { .string($0) } ?? .null
            return .record(record)
        }

        /// One line for stderr when the shell ends with unread notifications; nil when there were none.
        var note: String? {
            guard let file else { return nil }
            return "listen: \(unread) notification\(unread == 1 ? "" : "s") the listener on port \(listener.port) kept and nobody read "
                + "\(unread == 1 ? "is" : "are") in \(file) (`open '\(file)'` reads them)"
        }
    }

    /// Stops every background listener of the shell as it ends; returns what to tell on stderr: each file that now
    /// holds unread notifications, or why one could not be written (with the notifications themselves).
    package static func stopAll(_ api: APIContext) -> [String] {
        defer { api.listeners.removeAll() }
        return api.listeners.keys.sorted().compactMap { port in
            guard let listener = api.listeners[port] else { return nil }
            do { return try stop(listener).note } catch let error as ShellError {
                return "listen: \(error.message)\n\(error.hint ?? "")"
            } catch {
                return "listen: \(error)"
            }
        }
    }

    /// Stops `listener` (its port closes: a sender is refused, and the API sends again) and saves what it kept
    /// unread. A file that cannot be written is an error naming it; the notifications are then in the error's
    /// text, so that even then they are not lost.
    static func stop(_ listener: WebhookListener) throws -> Left {
        listener.stop()
        var lines: [String] = []
        while let (notification, acknowledge) = listener.receive(timeout: 0) {
            lines.append(Value(notification).jsonText)
            acknowledge()
        }
        guard !lines.isEmpty else { return Left(listener: listener, unread: 0, file: nil) }
        let directory = StateDirectory.url().appendingPathComponent("unread").path
        let stamp = Timestamp.format(Int(Date().timeIntervalSince1970)).filter { $0 != "-" && $0 != ":" }
        // Unique: the process's id, and a count when the same port stopped twice within the second.
        let base = "\(directory)/listen-\(listener.port)-\(stamp)-\(getpid())"
        var path = base + ".ndjson"
        var count = 1
        while FileManager.default.fileExists(atPath: path) {
            count += 1
            path = base + "-\(count).ndjson"
        }
        let text = lines.joined(separator: "\n") + "\n"
        do throws(SafeFileError) {
            try SafeFile.makeDirectory(directory)
            try SafeFile.write(Array(text.utf8), to: path, mode: 0o600)
        } catch {
            throw ShellError(
                .failed, "the listener on port \(listener.port) kept \(lines.count) unread, and \(error.description)",
                hint: "here they are, one a line:\n" + text)
        }
        return Left(listener: listener, unread: lines.count, file: path)
    }
}
