import APIContract
import Foundation
import FuzzSupport
import Listener
import Synchronization

/// One run of the listen fuzzer: two listeners (plain, and with a secret), each with a reader taking what it
/// delivers and a probe posting good notifications between the attacks; the workers share the requests.
final class FuzzCampaign: Sendable {
    /// The statuses the listener documents (WebhookListener).
    static let documented: Set<Int> = [100, 200, 400, 401, 405, 408, 411, 413, 431, 501, 503]

    /// What the run found.
    struct Outcome {
        var failures: [String]
        var summary: String
    }

    private let options: FuzzSettings
    private let targets: [Target]
    private let next = Atomic<Int>(0)
    private let statuses = Mutex<[Int: Int]>([:])
    private let failures = Mutex<[String]>([])
    /// Attack ids answered 200 (one request, its body intact), each to be delivered.
    private let acknowledged = Mutex<[Int]>([])

    init(options: FuzzSettings) {
        self.options = options
        targets = [Target(secret: nil), Target(secret: "fuzz-secret-0123456789abcdef")]
    }

    func run() -> Outcome {
        let started = Date()
        let deadline = options.seconds.map { started.addingTimeInterval($0) }
        let total = options.only.map { _ in 1 } ?? options.requests
        let group = DispatchGroup()
        for _ in 0..<(options.only == nil ? options.workers : 1) {
            group.enter()
            Thread {
                while true {
                    let index = self.next.add(1, ordering: .relaxed).oldValue
                    guard index < total, deadline.map({ Date() < $0 }) ?? true, self.failures.withLock({ $0.count }) < 20 else { break }
                    self.attack(self.options.only ?? index)
                    if index > 0, index % 100_000 == 0 { print("listen-fuzz: \(index) requests") }
                }
                group.leave()
            }.start()
        }
        group.wait()
        let sent = min(next.load(ordering: .relaxed), total)
        var found = failures.withLock { $0 }
        for target in targets { found += target.finish() }
        let delivered = targets.reduce(into: [Int: Int]()) { all, target in all.merge(target.attacksDelivered()) { $0 + $1 } }
        let lost = acknowledged.withLock { $0 }.filter { delivered[$0, default: 0] == 0 }
        if !lost.isEmpty { found.append("\(lost.count) attacks answered 200 were never delivered, e.g. request \(lost[0])") }
        let seconds = Date().timeIntervalSince(started)
        let histogram = statuses.withLock { $0 }.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let probes = targets.map(\.probesSent).reduce(0, +)
        var summary = "listen-fuzz: \(sent) requests in \(String(format: "%.1f", seconds)) s (\(Int(Double(sent) / max(seconds, 0.001)))/s), "
        summary += "statuses {\(histogram)}, \(probes) probes delivered once each in order, "
        summary += "\(acknowledged.withLock { $0.count }) attacks answered 200 and delivered; "
        summary += found.isEmpty ? "0 crashes, 0 failures" : "\(found.count) FAILURES:\n" + found.prefix(20).joined(separator: "\n")
        return Outcome(failures: found, summary: summary)
    }

    /// Request `index`: made from the seed and the index alone, sent to one of the listeners in random pieces,
    /// its answers read and checked.
    private func attack(_ index: Int) {
        var random = WyRand(seed: options.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let target = targets[random.below(targets.count)]
        var maker = Requests(random: random)
        let (bytes, isSingle) = maker.attack(index, secret: target.secret)
        random = maker.random
        let pieces = (0..<random.below(6)).map { _ in 1 + random.below(64) }
        guard let client = Client(port: target.port) else { return record("request \(index): cannot connect") }
        defer { client.close() }
        _ = client.send(bytes, pieces: pieces, slowly: random.chance(1))
        client.finish()
        guard let answer = client.readAll() else { return record("request \(index): no answer and no close within 10 s") }
        let answered = Client.statuses(answer)
        statuses.withLock { for status in answered { $0[status, default: 0] += 1 } }
        if let wrong = answered.first(where: { !Self.documented.contains($0) }) {
            record("request \(index): status \(wrong) is not documented; sent \(String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription)")
        }
        let body = Array("{\"attack\": \(index)}".utf8)
        if isSingle, answered == [200], bytes.firstRange(of: body) != nil {
            acknowledged.withLock { $0.append(index) }
        }
        if index % 50 == 0 { target.probe() }
    }

    private func record(_ failure: String) { failures.withLock { $0.append(failure) } }
}
