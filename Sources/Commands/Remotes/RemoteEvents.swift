import APIContract
import Client
import Foundation
import Listener
import Synchronization

/// The statuses a `listen` running in this shell receives for remote actions (4.17 messages of type `Remote`), by
/// action id, so that `remote` can follow its action by its events instead of polling. It watches from before the
/// POST (an action's first events can come before its answer) until the wait ends.
final class RemoteEvents: Sendable {
    private let listener: WebhookListener
    private let token: Int
    private let seen = Heard()

    /// Statuses by action id, filled on the listener's thread.
    private final class Heard: Sendable {
        let statuses = Mutex<[String: [String]]>([:])
    }

    /// Watches `listener` when the callback posts to it; nil otherwise (or when no listener runs).
    static func watching(callback: String, api: APIContext) -> RemoteEvents? {
        guard !api.listeners.isEmpty, let record = try? api.get("/user/callbacks/\(URLEncoding.encode(callback))").recordValue,
            let target = record.at("subscribe.callback.webhook.target")?.stringValue, let url = URL(string: target), let port = url.port,
            ["127.0.0.1", "localhost", "::1"].contains(url.host ?? ""), let listener = api.listeners[UInt16(clamping: port)]
        else { return nil }
        return RemoteEvents(listener)
    }

    private init(_ listener: WebhookListener) {
        self.listener = listener
        let seen = seen
        token = listener.observe { message in
            guard message["type"]?.string == "Remote", let event = message["remoteEvent"], let id = event["remoteActionId"]?.string,
                let status = event["eventStatus"]?["status"]?.string
            else { return }
            seen.statuses.withLock { $0[id, default: []].append(status) }
        }
    }

    deinit { listener.stopObserving(token) }

    /// The statuses received for one action so far, in order.
    func statuses(of id: String) -> [String] { seen.statuses.withLock { $0[id] ?? [] } }
}
