import APIContract
import Foundation

/// A webhook receiver: an HTTP server on this machine that takes the API's notifications — v4.0 monitor events and
/// 4.17 messages, one per post or batched in an array — and keeps them, in the order received, for whoever reads
/// them (``next(timeout:)``) or watches them go by (``observe(_:)``). It answers 200 only once a notification is
/// safe (``Inbox``: taken by the reader, or kept for a later one); 400 to what is not JSON or not framed by the
/// book, 401 without the secret (a header, or a Body attribute of every notification: a batch has no headers)
/// when one is set, 413 to bodies over 1 MiB, 503 when what it keeps is full, and never lets one client hold up
/// another (``ListenerLoop``). It binds 127.0.0.1 unless told otherwise: the API
/// reaches it through a tunnel or a reverse proxy in front.
package final class WebhookListener: Sendable {
    /// Where and how to listen.
    package struct Configuration: Sendable {
        package var bind = "127.0.0.1"
        /// 0: any free port.
        package var port: UInt16 = 8099
        /// When set, each post must carry this value in ``secretHeader``.
        package var secret: String?
        package var secretHeader = "X-Ccsh-Secret"
        package var bodyLimit = 1 << 20
        /// Notifications kept before senders are told to come back later.
        package var capacity = 100_000
        /// Bytes of notifications kept before senders are told to come back later.
        package var byteCapacity = 64 << 20
        /// True: a notification is acknowledged once kept (for a later reader); false: once a reader took it.
        package var acknowledgesWhenKept = false
        /// HTTPS with this certificate chain and key (PEM files); nil for plain HTTP.
        package var tls: (certificate: String, key: String)?

        package init() {}
    }

    package let configuration: Configuration
    /// The port bound (the one asked for, or the one the system chose for 0).
    package let port: UInt16
    private let inbox: Inbox
    private let loop: ListenerLoop

    /// Binds and starts serving on its own thread; throws when the address or port cannot be had.
    package init(_ configuration: Configuration) throws {
        self.configuration = configuration
        let (fd, port) = try Socket.listen(address: configuration.bind, port: configuration.port, backlog: 1024)
        self.port = port
        inbox = Inbox(
            capacity: configuration.capacity, byteCapacity: configuration.byteCapacity,
            policy: configuration.acknowledgesWhenKept ? .whenKept : .whenTaken)
        do {
            loop = try ListenerLoop(
                listening: fd, limits: RequestReader.Limits(body: configuration.bodyLimit),
                secret: configuration.secret.map { (configuration.secretHeader, $0) },
                tls: try configuration.tls.map { try TLSContext(certificate: $0.certificate, key: $0.key) }, inbox: inbox)
        } catch {
            Socket.close(fd)
            throw error
        }
        let loop = loop
        let thread = Thread { loop.run() }
        thread.name = "ccsh listen :\(port)"
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:8099/`, or `https://…` with TLS.
    package var url: String {
        let host = configuration.bind == "0.0.0.0" ? "127.0.0.1" : configuration.bind.contains(":") ? "[\(configuration.bind)]" : configuration.bind
        return "\(configuration.tls == nil ? "http" : "https")://\(host):\(port)/"
    }

    /// Makes a key (mode 0600) and a self-signed certificate for localhost, 127.0.0.1 and ::1, valid a year, unless
    /// both files exist already.
    package static func ensureCertificate(certificate: String, key: String) throws {
        let files = FileManager.default
        if files.fileExists(atPath: certificate), files.fileExists(atPath: key) { return }
        try TLSContext.makeCertificate(certificate: certificate, key: key)
    }

    /// The next notification received, waiting up to `timeout` seconds; nil when none came in that time.
    package func next(timeout: Double) -> JSON? { inbox.next(timeout: timeout) }

    /// The next notification received, waiting up to `timeout` seconds, with what acknowledges it: call it once the
    /// notification is safe (written out), so that a reader killed before that leaves it to the sender's retry.
    package func receive(timeout: Double) -> (notification: JSON, acknowledge: @Sendable () -> Void)? {
        guard let (notification, ticket) = inbox.receive(timeout: timeout) else { return nil }
        let inbox = inbox
        return (notification, { inbox.taken(ticket) })
    }

    /// From now on, notifications are acknowledged once kept: the listener is kept for later readers.
    package func keepForLaterReaders() { inbox.acknowledgeWhenKept() }

    /// How many notifications wait to be read.
    package var pending: Int { inbox.count }

    /// How many requests were answered with each status.
    package var answers: [Int: Int] { loop.answers.withLock { $0 } }

    /// Calls `observer` on the listener's thread with each notification received from now on (they still queue for
    /// ``next(timeout:)``); returns the token ``stopObserving(_:)`` takes.
    package func observe(_ observer: @escaping @Sendable (JSON) -> Void) -> Int { inbox.observe(observer) }

    package func stopObserving(_ token: Int) { inbox.stopObserving(token) }

    /// Stops serving, sends the answers still waiting, and closes the port; readers waiting in ``next(timeout:)``
    /// get what was kept, then nil.
    package func stop() {
        loop.stop()
        inbox.close()
        loop.waitUntilFinished(seconds: 2)
    }
}
