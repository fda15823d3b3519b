import APIContract
import Client
import Foundation
import SafeFile
import Shell

/// Which callback a remote action reports to (a remote POST names one: `…/callbacks/{cbid}/remotes`): the
/// `--callback-id` flag, else the profile's `remote_callback`, else the one ccsh made for this profile and
/// remembers (in the cache directory), else a new one ccsh makes now — type Remote, labelled ``label``, found
/// again by that label if the memory is lost, so it is made once per profile.
///
/// ccsh learns how an action ends by polling `GET …/remotes/{rid}`, so the callback's target needs to reach
/// nobody; its notifications are for whoever wants them (`listen`, or `--callback-id` of a callback of one's own).
struct RemoteCallback {
    let api: APIContext

    /// The label of the callback ccsh makes.
    static let label = "ccsh remote actions"
    /// Where it points: nothing listens there; the real API keeps retrying it for three days, then drops it.
    static let target = "https://localhost/ccsh/remote-actions"

    /// The callback a remote action reports to (``APIOperation/Hooks/callback``). Under `--dry-run` or `--curl`
    /// nothing is made: one ccsh has not made yet shows as `CBID`.
    @Sendable static func resolve(_ call: Call, _ api: APIContext) throws -> String {
        let callbacks = RemoteCallback(api: api)
        if let id = try callbacks.named(call) { return id }
        let session = try api.session
        if let id = callbacks.remembered(session) { return id }
        if call.isSet("dry-run") || call.isSet("curl") { return "CBID" }
        return try callbacks.make(session)
    }

    /// When the callback is gone (``APIOperation/Hooks/callbackGone``): ccsh's own was deleted since it was
    /// remembered, so it is forgotten and another made; one the user named stays an error (nil).
    @Sendable static func replaced(_ call: Call, _ api: APIContext) throws -> String? {
        let callbacks = RemoteCallback(api: api)
        guard try callbacks.named(call) == nil else { return nil }
        let session = try api.session
        try? FileManager.default.removeItem(at: callbacks.file(session))
        return try callbacks.make(session)
    }

    /// `--callback-id`, else the profile's `remote_callback`.
    private func named(_ call: Call) throws -> String? {
        try call.string("callback-id") ?? api.session.profile.remoteCallback
    }

    private func file(_ session: Session) -> URL { api.cacheDirectory.appendingPathComponent("\(session.profile.name)-remote-callback") }

    private func remembered(_ session: Session) -> String? {
        guard let data = FileManager.default.contents(atPath: file(session).path), let id = String(data: data, encoding: .utf8) else { return nil }
        let trimmed = id.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Finds ccsh's callback by its label, or creates it (once, even when the answer is lost), and remembers it.
    private func make(_ session: Session) throws -> String {
        let found = try existing()
        let id: String
        if let found {
            id = found
        } else {
            let body: JSON = .obj([
                "label": .string(Self.label), "type": .array([.string("Remote")]),
                "callback": .obj(["webhook": .obj(["name": "ccsh", "target": .string(Self.target)])]),
            ])
            let reply = try PostOnce(requests: try api.requests(), request: APIRequest("POST", "/user/callbacks", body: body.bytes)) {
                try existing().map { Value.record(Record([.init(name: "callbackId", value: .string($0))])) }
            }.run()
            guard let made = reply.recordValue?["callbackId"]?.stringValue else {
                throw ClientError(
                    code: .decoding, request: "POST /user/callbacks", message: "the answer has no callbackId",
                    hint: "name a callback with --callback-id, or set remote_callback in the profile")
            }
            id = made
        }
        try SafeFile.makeDirectory(api.cacheDirectory.path)
        try SafeFile.write(Array(id.utf8), to: file(session).path, mode: 0o600)
        return id
    }

    /// ccsh's callback if the account has it.
    private func existing() throws -> String? {
        let callbacks = try api.collection("/user/callbacks", query: [("types", "Remote")])
        while let callback = try callbacks.next() {
            if let record = callback.recordValue, record.string("label") == Self.label, let id = record.string("id") { return id }
        }
        return nil
    }
}
