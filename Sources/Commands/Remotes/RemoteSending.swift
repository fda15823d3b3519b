import APIContract
import Client
import Foundation
import Shell

/// How one remote action is sent so that it is never carried out twice: the body carries a label no other action
/// has (``uniqueLabel(_:at:)``), and when the POST's answer is lost ccsh looks for that label in the vehicle's
/// actions (`GET …/callbacks/{cbid}/remotes`) before anything else — found, that is the action; not found, the POST
/// never arrived and is sent again (``PostOnce``). A remote action costs a wake-up and moves a real car, so it gets
/// more attempts than a monitor, each one checked first.
enum RemoteSending {
    static let maxAttempts = 10

    /// `ccsh-lock-20261206T093012Z-5f0c2a9e71d3`: the action word, when it is sent (the API keeps no time for a
    /// remote action: `remotes` reads it back, ``sentAt(label:)``) and 48 random bits.
    static func uniqueLabel(_ action: String, at now: Date) -> String {
        let time = Timestamp.format(Int(now.timeIntervalSince1970)).filter { $0 != "-" && $0 != ":" }
        return "ccsh-\(action)-\(time)-" + String(UInt64.random(in: 0..<(1 << 48)), radix: 16).leftPadded(to: 12)
    }

    /// When ccsh sent the action labelled `label` (seconds since 1970); nil for a label ccsh did not write.
    static func sentAt(label: String) -> Int? {
        let parts = label.split(separator: "-")
        guard parts.count == 4, parts[0] == "ccsh", let compact = parts.last(where: { $0.count == 16 && $0.hasSuffix("Z") }) else { return nil }
        let digits = Array(compact)
        guard digits[8] == "T" else { return nil }
        let text =
            "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))T\(String(digits[9..<11])):"
            + "\(String(digits[11..<13])):\(String(digits[13..<15]))Z"
        return Timestamp.parse(text)
    }

    /// A vehicle's actions newest first: those ccsh sent by when it sent them (within a second, the later in the API's
    /// order first), then the others (sent by another client, with no time) in the reverse of the API's order.
    static func newestFirst(_ actions: [Value]) -> [Value] {
        let timed = actions.enumerated().map { n, action in (action, n, action.recordValue?.string("remote.label").flatMap(sentAt(label:))) }
        let sent = timed.compactMap { action, n, time in time.map { (action, n, $0) } }.sorted { ($0.2, $0.1) > ($1.2, $1.1) }
        return sent.map(\.0) + timed.filter { $0.2 == nil }.reversed().map(\.0)
    }

    /// The lookup for the action `body` asks for at `path` (``APIOperation/Hooks/reconcile``): by its label.
    @Sendable static func lookup(_ requests: Requests, _ path: String, _ body: Value) -> (() throws -> Value?)? {
        guard let label = body.recordValue?.string("label") else { return nil }
        return {
            let actions = try requests.collection(path)
            while let action = try actions.next() {
                guard let record = action.recordValue, record.at("remote.label")?.stringValue == label, let id = record["remoteActionId"] else {
                    continue
                }
                return .record(
                    Record([
                        .init(name: "remoteActionId", value: id), .init(name: "type", value: record["type"] ?? .null),
                        .init(name: "reconciled", value: true),
                    ]))
            }
            return nil
        }
    }
}

extension String {
    /// Zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
