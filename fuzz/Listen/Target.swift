import APIContract
import Foundation
import Listener
import Synchronization

/// One listener under attack, the reader taking what it delivers, and the probe's good notifications.
final class Target: Sendable {
    let secret: String?
    let port: UInt16
    private let listener: WebhookListener
    private let probes = Mutex<(sent: Int, delivered: [Int], failures: [String])>((0, [], []))
    private let attacks = Mutex<[Int: Int]>([:])
    private let stopped = Atomic<Bool>(false)
    private let reading = DispatchGroup()
    /// One probe at a time, so that the order they are sent in is the order they must arrive in.
    private let probeTurn = NSLock()

    init(secret: String?) {
        self.secret = secret
        var configuration = WebhookListener.Configuration()
        configuration.port = 0
        configuration.secret = secret
        // A listener only this run can reach; failing to bind ends the run at once.
        guard let listener = try? WebhookListener(configuration) else { fatalError("listen-fuzz: cannot bind a listener on 127.0.0.1") }
        self.listener = listener
        port = listener.port
        reading.enter()
        Thread { [self] in
            while !stopped.load(ordering: .relaxed) || listener.pending > 0 {
                guard let notification = listener.next(timeout: 0.05) else { continue }
                take(notification)
            }
            reading.leave()
        }.start()
    }

    /// Records what the reader took: a probe by number, an attack by its id, anything else (a mutated body) not.
    private func take(_ notification: JSON) {
        if case .int(let n)? = notification["probe"] {
            probes.withLock { $0.delivered.append(n) }
        } else if case .int(let n)? = notification["attack"] {
            attacks.withLock { $0[n, default: 0] += 1 }
        }
    }

    /// Posts the next good notification (one probe at a time, in order) and checks it is answered 200.
    func probe() {
        probeTurn.lock()
        defer { probeTurn.unlock() }
        let number: Int? = probes.withLock { state in
            state.sent += 1
            return state.sent
        }
        guard let number, let client = Client(port: port) else { return }
        defer { client.close() }
        let request = Requests.good("{\"probe\": \(number)}", secret: secret)
        _ = client.send(request, pieces: [], slowly: false)
        let statuses = client.readAll().map(Client.statuses) ?? []
        if statuses != [200] { probes.withLock { $0.failures.append("probe \(number) was answered \(statuses), not 200") } }
    }

    var probesSent: Int { probes.withLock { $0.sent } }

    func attacksDelivered() -> [Int: Int] { attacks.withLock { $0 } }

    /// Stops the reader once what is kept is taken, stops the listener, and checks the probes: each delivered once,
    /// in the order sent.
    func finish() -> [String] {
        Thread.sleep(forTimeInterval: 0.2)
        stopped.store(true, ordering: .relaxed)
        reading.wait()
        listener.stop()
        return probes.withLock { state in
            var found = state.failures
            if state.delivered != Array(0..<state.sent).map({ $0 + 1 }) {
                found.append("probes delivered \(state.delivered.count) of \(state.sent), not once each in order")
            }
            return found
        }
    }
}
