import Client
import Foundation
import Shell

/// Waits for a remote action to end: polls `GET …/remotes/{rid}` — after 1 s, then less and less often, at most
/// every ``maxInterval`` seconds (and the client waits out a 429's `Retry-After`) — until its status is a final
/// one (`Success`, `AlreadyDone`, `Failed`). With a `listen` of this shell receiving the callback's notifications
/// (``RemoteEvents``), it follows the action's events instead and reads the record once they say it ended,
/// polling only every ``eventsInterval`` seconds in case an event is lost. A poll that fails on the way (a 5xx, a
/// broken connection) is only a missed look: the next one comes. Ctrl-C stops the wait, not the action.
struct RemoteWait {
    let api: APIContext
    /// `…/callbacks/{cbid}/remotes/{rid}`.
    let path: String
    /// Seconds before giving up.
    let timeout: Double
    let isInterrupted: () -> Bool
    /// The action's events, when a listener receives them.
    var events: RemoteEvents?
    var id = ""
    /// The command that looks at the action again (`remotes show VIN ID`), for the time-out's hint.
    var lookAgain = ""

    /// The statuses that end an action (docs/api.md §11.3).
    static let finalStatuses: Set<String> = ["Success", "AlreadyDone", "Failed"]
    static let maxInterval = 5.0
    static let eventsInterval = 15.0

    /// The action's record once it has ended.
    func run(started: Date = Date()) throws -> Value {
        var polls = 0
        var seen: [String] = []
        var lastError: ClientError?
        defer { api.onRemoteProgress?(RemoteProgress(statuses: seen, seconds: Date().timeIntervalSince(started), isFinished: true)) }
        while true {
            let interval = events == nil ? min(Self.maxInterval, 1 + Double(polls) * 0.5) : Self.eventsInterval
            try sleep(interval, until: started.addingTimeInterval(timeout)) {
                guard let heard = events?.statuses(of: id), !heard.isEmpty else { return false }
                let merged = Self.merged(seen, heard)
                if merged != seen {
                    seen = merged
                    api.onRemoteProgress?(RemoteProgress(statuses: seen, seconds: Date().timeIntervalSince(started)))
                }
                return heard.contains(where: Self.finalStatuses.contains)
            }
            polls += 1
            do {
                let record = try api.get(path)
                lastError = nil
                if let status = record.recordValue?["status"]?.stringValue {
                    seen = Self.merged(seen, [status])
                    api.onRemoteProgress?(RemoteProgress(statuses: seen, seconds: Date().timeIntervalSince(started)))
                    if Self.finalStatuses.contains(status) { return record }
                }
            } catch let error as ClientError where PostOnce.outcomeIsUnknown(error) || error.status == 429 {
                lastError = error
            }
            if Date().timeIntervalSince(started) >= timeout {
                let last = seen.last.map { "its last status was \($0)" } ?? lastError.map { "the last look failed: \($0.message)" } ?? "no status yet"
                throw ShellError(
                    .failed, "the remote action \(id) did not end within \(Units.duration(seconds: Int(timeout))) (\(last))",
                    hint: "it goes on in the car: look again with `\(lookAgain.isEmpty ? "remotes show VEHICLE \(id)" : lookAgain)`, "
                        + "or wait longer: --timeout \(DurationText.text(seconds: Int(timeout) * 2))")
            }
        }
    }

    /// The statuses seen, each once and in the order first seen, with those just heard (an event listener hands
    /// over every status so far, each time; a poll the current one): what the progress line shows.
    static func merged(_ seen: [String], _ heard: [String]) -> [String] {
        var merged = seen
        for status in heard where !merged.contains(status) { merged.append(status) }
        return merged
    }

    /// Sleeps `seconds` in short steps, stopping at `deadline`, on Ctrl-C, and when `heard` says the action ended.
    private func sleep(_ seconds: Double, until deadline: Date, heard: () -> Bool) throws {
        let end = min(Date().addingTimeInterval(seconds), deadline)
        while Date() < end, !heard() {
            if isInterrupted() { throw ShellError(.interrupted, "interrupted", hint: "the remote action goes on in the car; `remotes` shows it") }
            Thread.sleep(forTimeInterval: min(0.05, max(0, end.timeIntervalSinceNow)))
        }
    }
}

/// How far a remote action has got, for a progress line: the statuses seen so far, in order.
package struct RemoteProgress: Sendable {
    package var statuses: [String]
    /// Since the POST.
    package var seconds: Double
    /// The wait is over (the line can go).
    package var isFinished = false
}
