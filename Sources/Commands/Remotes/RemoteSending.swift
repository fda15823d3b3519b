import Client
import Foundation
import Shell

/// Sends one remote action so that it is never carried out twice: the body carries a label no other action has
/// (``uniqueLabel(_:)``), and when the POST's answer is lost ccsh looks for that label in the vehicle's actions
/// (`GET …/callbacks/{cbid}/remotes`) before anything else — found, that is the action; not found, the POST never
/// arrived and is sent again (``PostOnce``). A remote action costs a wake-up and moves a real car, so it gets more
/// attempts than a monitor, each one checked first.
struct RemoteSending {
    let api: APIContext
    /// `…/vehicles/{id}/callbacks/{cbid}/remotes`.
    let path: String
    let body: [UInt8]
    let label: String

    static let maxAttempts = 10

    /// `ccsh-lock-5f0c2a9e71d3`: the action word and 48 random bits.
    static func uniqueLabel(_ action: String) -> String {
        "ccsh-\(action)-" + String(UInt64.random(in: 0..<(1 << 48)), radix: 16).leftPadded(to: 12)
    }

    /// The POST's answer (`RemotePostResponse`), or what reconciling found: `remoteActionId`, `type`,
    /// `reconciled: true`.
    func run() throws -> Value {
        try PostOnce(api: api, request: APIRequest("POST", path, body: body), lookup: { _ in try sent() }, maxAttempts: Self.maxAttempts).run()
    }

    /// The action with this label, if the vehicle has it.
    private func sent() throws -> Value? {
        let actions = try api.collection(path)
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

extension String {
    /// Zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
