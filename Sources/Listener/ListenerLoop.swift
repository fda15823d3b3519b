import APIContract
import Foundation
import Synchronization

/// The listener's one thread: a `poll` loop over the listening socket and every connection, so that no client —
/// slow, silent, huge or hostile — ever holds up another. Each connection reads requests within
/// ``RequestReader/Limits`` and within time: a request must be whole ``requestSeconds`` after its first byte
/// (408 otherwise), an idle keep-alive connection is closed after ``idleSeconds``, and at most
/// ``maxConnections`` are open at once (more wait in the kernel's backlog).
///
/// Each byte is hostile until checked. With a secret, a request whose head carries a wrong one is refused (401) as
/// soon as its head is read, before its body; one without the header must carry the secret's bytes in its body,
/// which one linear search finds before the JSON is parsed — so a client without the secret costs a read and a
/// search, never a parse, and gets no parser diagnostics. What clients hold in the loop is bounded in bytes
/// (``maxHeldBytes``): past it, a client that has not shown the secret is told to come back later (503).
final class ListenerLoop: @unchecked Sendable {
    /// One client connection.
    private final class Connection {
        let fd: Int32
        /// With `--tls`: the connection's TLS, which every read and write goes through.
        let tls: TLSStream?
        var reader: RequestReader
        var output: [UInt8] = []
        var written = 0
        var closesAfterWrite = false
        /// Refused before its request was read whole: the client may still be sending.
        var isCutShort = false
        /// Answered and shut for writing: what the client still sends is read and dropped until it closes.
        var draining = 0
        /// When the request being read got its first byte.
        var requestStarted: Date?
        /// The request being read carries the secret in its header.
        var isAuthenticated = false
        /// The client closed its sending side: the requests it completed are still answered, then the
        /// connection is closed.
        var peerClosed = false
        /// A request whose notifications wait to be safe before it is answered 200 (``Inbox``); no further request
        /// of this connection is read meanwhile.
        var awaiting: (ticket: Inbox.Ticket, keepAlive: Bool)?
        var lastActivity = Date()

        init(fd: Int32, tls: TLSStream?, limits: RequestReader.Limits) {
            self.fd = fd
            self.tls = tls
            reader = RequestReader(limits: limits)
        }

        func read(into buffer: inout [UInt8]) -> Socket.Transfer {
            guard let tls else { return Socket.read(fd, into: &buffer) }
            if !tls.isEstablished {
                let step = tls.handshake()
                guard case .bytes = step else { return step }
            }
            return tls.read(into: &buffer)
        }

        func write(_ bytes: ArraySlice<UInt8>) -> Socket.Transfer { tls?.write(bytes) ?? Socket.write(fd, bytes) }

        /// Whether the next step waits for the socket to be writable: output to send, or TLS asking for it.
        var needsWrite: Bool { hasOutput || tls?.wantsWrite == true }

        var hasOutput: Bool { written < output.count }
    }

    static let maxConnections = 512
    static let requestSeconds = 30.0
    static let idleSeconds = 15.0
    /// Output a connection may have waiting before its requests are no longer read.
    static let maxPendingOutput = 64 * 1024
    /// Bytes read and dropped from a refused client before its connection is closed anyway.
    static let maxDrained = 1 << 20
    /// How long a refused client has to read its answer and close its side (a busy client may take seconds; closing
    /// before it has read would reset the connection and lose the answer).
    static let drainSeconds = 10.0
    /// Bytes all connections' readers may hold at once before a client without the secret is refused (503).
    static let maxHeldBytes = 64 << 20

    private let listening: Int32
    private let wake: (read: Int32, write: Int32)
    private let limits: RequestReader.Limits
    private let secret: (header: String, value: [UInt8])?
    private let inbox: Inbox
    private let tls: TLSContext?
    private let stopped = Atomic<Bool>(false)
    /// Left when ``run()`` is over.
    private let finished = DispatchGroup()
    private var connections: [Int32: Connection] = [:]
    /// Where reads land before they go to their connection's reader.
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    /// What every connection's reader holds, counted at each turn of the loop and as bytes come.
    private var heldBytes = 0
    /// How many requests were answered with each status (for tests and `listen` summaries).
    let answers = Mutex<[Int: Int]>([:])

    init(listening: Int32, limits: RequestReader.Limits, secret: (header: String, value: String)?, tls: TLSContext?, inbox: Inbox) throws {
        self.listening = listening
        self.tls = tls
        self.limits = limits
        self.secret = secret.map { ($0.header.lowercased(), Array($0.value.utf8)) }
        self.inbox = inbox
        let wake = try Socket.wakePipe()
        self.wake = wake
        inbox.onSettled = { Socket.wake(wake.write) }
        finished.enter()
    }

    func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        Socket.wake(wake.write)
    }

    /// Serves until ``stop()``; then closes every socket.
    func run() {
        Socket.blockBrokenPipeOnThisThread()
        while !stopped.load(ordering: .sequentiallyConsistent) {
            var interests = [Socket.Interest(fd: wake.read, read: true, write: false)]
            let accepting = connections.count < Self.maxConnections
            if accepting { interests.append(Socket.Interest(fd: listening, read: true, write: false)) }
            let open = Array(connections.values)
            heldBytes = open.reduce(0) { $0 + $1.reader.heldBytes }
            for connection in open {
                let reads =
                    connection.draining > 0
                    || (!connection.closesAfterWrite && !connection.peerClosed && connection.awaiting == nil
                        && connection.output.count - connection.written < Self.maxPendingOutput)
                interests.append(Socket.Interest(fd: connection.fd, read: reads, write: connection.needsWrite))
            }
            Socket.poll(&interests, milliseconds: 250)
            if interests[0].readable { Socket.drain(wake.read) }
            answerSettled()
            if accepting, interests[1].readable { acceptAll() }
            for interest in interests.dropFirst(accepting ? 2 : 1) {
                guard let connection = connections[interest.fd] else { continue }
                if interest.failed {
                    drop(connection)
                    continue
                }
                if interest.readable || (interest.writable && connection.tls?.isEstablished == false) { read(connection) }
                if interest.writable || connection.hasOutput { flush(connection) }
            }
            expire()
        }
        answerSettled(finally: true)
        finishAnswers()
        for connection in Array(connections.values) { drop(connection) }
        Socket.close(listening)
        Socket.close(wake.read)
        Socket.close(wake.write)
        finished.leave()
    }

    /// Waits (at most `seconds`) until ``run()`` has answered what it kept and closed every socket: a reader that
    /// stops once it has what it wanted (`listen | first 2`) ends the process right after, and the sender of the
    /// last notification must still get its 200.
    func waitUntilFinished(seconds: Double) { _ = finished.wait(timeout: .now() + seconds) }

    /// Sends the answers still waiting to go out, for up to a second.
    private func finishAnswers() {
        let deadline = Date().addingTimeInterval(1)
        while Date() < deadline {
            let waiting = connections.values.filter(\.hasOutput)
            guard !waiting.isEmpty else { return }
            var interests = waiting.map { Socket.Interest(fd: $0.fd, read: false, write: true) }
            Socket.poll(&interests, milliseconds: 50)
            for (connection, interest) in zip(waiting, interests) where interest.writable {
                flush(connection)
            }
        }
    }

    private func acceptAll() {
        while connections.count < Self.maxConnections, let fd = Socket.accept(listening) {
            let stream = tls.flatMap { $0.stream(on: fd) }
            if tls != nil, stream == nil {
                Socket.close(fd)
                continue
            }
            connections[fd] = Connection(fd: fd, tls: stream, limits: limits)
        }
    }

    /// Reads what the connection has (for TLS, every record OpenSSL already decrypted too) and answers what it
    /// completes.
    private func read(_ connection: Connection) {
        repeat {
            guard readOnce(connection), connections[connection.fd] != nil else { return }
        } while connection.tls?.hasPending == true
    }

    /// One read; false when there was nothing (or the connection is gone).
    private func readOnce(_ connection: Connection) -> Bool {
        switch connection.read(into: &scratch) {
        case .wouldBlock: return false
        case .closed:
            // The client is gone, or half-closed: what it completed is answered (some may wait for the reader), what
            // it had not finished is dropped, unanswered.
            if connection.draining > 0 {
                drop(connection)
            } else {
                connection.peerClosed = true
                closeIfDone(connection)
            }
            return false
        case .bytes(let count) where connection.draining > 0:
            connection.draining += count
            if connection.draining > Self.maxDrained { drop(connection) }
            return true
        case .bytes(let count):
            connection.lastActivity = Date()
            if connection.requestStarted == nil { connection.requestStarted = Date() }
            heldBytes += count
            if heldBytes > Self.maxHeldBytes, !connection.isAuthenticated {
                heldBytes -= connection.reader.heldBytes + count
                connection.reader.abandon()
                connection.isCutShort = true
                respond(connection, 503, "the listener is busy; send again later", keepAlive: false)
                return true
            }
            connection.reader.append(scratch[..<count])
        }
        process(connection)
        return true
    }

    /// Answers every request the connection's bytes complete (a request waiting for its notifications to be safe
    /// holds the ones after it).
    private func process(_ connection: Connection) {
        while !connection.closesAfterWrite, connection.awaiting == nil {
            switch connection.reader.next() {
            case .incomplete:
                if connection.reader.isIdle { connection.requestStarted = nil }
                return
            case .head(let head, let expectsContinue):
                if let refusal = refusal(of: head, connection) {
                    connection.reader.abandon()
                    connection.isCutShort = true
                    respond(connection, refusal.status, refusal.message, keepAlive: false)
                } else if expectsContinue {
                    connection.output += Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                }
            case .refused(let status, let message):
                connection.isCutShort = true
                respond(connection, status, message, keepAlive: false)
            case .request(let request):
                let keepAlive = request.head.keepsAlive
                switch answer(request, isAuthenticated: connection.isAuthenticated) {
                case .now(let status, let message):
                    respond(connection, status, message, keepAlive: keepAlive && status < 400)
                    connection.requestStarted = connection.reader.isIdle ? nil : Date()
                case .whenSettled(let ticket):
                    connection.awaiting = (ticket, keepAlive)
                    if inbox.isSettled(ticket) { answerSettled() }
                }
                connection.isAuthenticated = false
            }
        }
    }

    /// What to answer a head at once, before its body: a method other than POST (405), a secret header that is
    /// there and wrong (401). Nil lets the body come; `connection` learns whether the head proved the secret.
    private func refusal(of head: RequestReader.Head, _ connection: Connection) -> (status: Int, message: String)? {
        guard head.method == "POST" else { return (405, "only POST is accepted: the API posts notifications") }
        guard let secret, let given = head.header(secret.header) else { return nil }
        guard Self.constantTimeEqual(Array(given.utf8), secret.value) else { return (401, "the \(secret.header) header is missing or wrong") }
        connection.isAuthenticated = true
        return nil
    }

    /// Answers 200 to each request whose notifications are now safe, then reads on; `finally` (the listener stops):
    /// the others get 503, so that their senders send them again.
    private func answerSettled(finally: Bool = false) {
        for connection in Array(connections.values) {
            guard let (ticket, keepAlive) = connection.awaiting else { continue }
            if inbox.isSettled(ticket) {
                connection.awaiting = nil
                respond(connection, 200, "", keepAlive: keepAlive && !finally)
                connection.requestStarted = connection.reader.isIdle ? nil : Date()
                if !finally { process(connection) }
            } else if finally {
                connection.awaiting = nil
                respond(connection, 503, "the reader stopped before taking these notifications; send them again", keepAlive: false)
            }
        }
    }

    /// What a whole request gets: an answer now, or 200 once its notifications are safe.
    private enum Answer {
        case now(Int, String)
        case whenSettled(Inbox.Ticket)
    }

    /// What to answer one whole request (its head passed ``refusal(of:_:)``: a POST). Without the secret's header, its bytes must be in the body before the body
    /// is parsed: a client that does not know it learns nothing more than 401.
    private func answer(_ request: RequestReader.Request, isAuthenticated: Bool) -> Answer {
        if let secret, !isAuthenticated, !Self.contains(request.body, secret.value) {
            return .now(401, "the \(secret.header) header is missing or wrong")
        }
        let document: JSON
        do throws(JSONParseError) { document = try JSONParser.parse(request.body) } catch {
            return .now(400, "the body is not JSON: \(error.message) (line \(error.line), column \(error.column))")
        }
        let notifications: [JSON]
        switch document {
        case .object: notifications = [document]
        case .array(let items) where !items.isEmpty && items.allSatisfy({ if case .object = $0 { true } else { false } }):
            notifications = items
        default: return .now(400, "a notification is a JSON object, or a batch of them in an array")
        }
        if let secret, !isAuthenticated, !notifications.allSatisfy({ Self.carries(secret, in: $0) }) {
            return .now(401, "the \(secret.header) header is missing or wrong")
        }
        guard let ticket = inbox.add(notifications, bytes: request.body.count) else { return .now(503, "the inbox is full; send again later") }
        return .whenSettled(ticket)
    }

    private func respond(_ connection: Connection, _ status: Int, _ message: String, keepAlive: Bool) {
        answers.withLock { $0[status, default: 0] += 1 }
        let body = message.isEmpty ? [] : Array((message + "\n").utf8)
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Length: \(body.count)\r\n"
        if !body.isEmpty { head += "Content-Type: text/plain; charset=utf-8\r\n" }
        if status == 405 { head += "Allow: POST\r\n" }
        if status == 503 { head += "Retry-After: 10\r\n" }
        head += keepAlive ? "\r\n" : "Connection: close\r\n\r\n"
        connection.output += Array(head.utf8) + body
        if !keepAlive { connection.closesAfterWrite = true }
    }

    private func flush(_ connection: Connection) {
        while connection.hasOutput {
            switch connection.write(connection.output[connection.written...]) {
            case .bytes(let count): connection.written += count
            case .wouldBlock: return
            case .closed:
                drop(connection)
                return
            }
        }
        connection.output.removeAll(keepingCapacity: true)
        connection.written = 0
        closeIfDone(connection)
        guard connections[connection.fd] != nil, connection.closesAfterWrite, connection.draining == 0 else { return }
        if connection.isCutShort {
            // Closing now, with its unread bytes, would reset the connection and lose the answer.
            Socket.shutdownWrite(connection.fd)
            connection.draining = 1
            connection.lastActivity = Date()
        } else {
            drop(connection)
        }
    }

    /// Times out slow requests (408) and idle connections.
    private func expire() {
        let now = Date()
        for connection in Array(connections.values) where connection.awaiting == nil {
            if connection.draining > 0 {
                if now.timeIntervalSince(connection.lastActivity) > Self.drainSeconds { drop(connection) }
            } else if connection.closesAfterWrite {
                // An answer the client does not read is given up after the request time.
                if now.timeIntervalSince(connection.lastActivity) > Self.requestSeconds { drop(connection) }
            } else if let started = connection.requestStarted, now.timeIntervalSince(started) > Self.requestSeconds {
                connection.isCutShort = true
                respond(connection, 408, "the request took more than \(Int(Self.requestSeconds)) s", keepAlive: false)
                connection.lastActivity = now
                flush(connection)
            } else if connection.requestStarted == nil, !connection.hasOutput, now.timeIntervalSince(connection.lastActivity) > Self.idleSeconds {
                drop(connection)
            }
        }
    }

    /// Closes a half-closed connection once nothing it asked is left to answer.
    private func closeIfDone(_ connection: Connection) {
        guard connection.peerClosed, connection.draining == 0, connection.awaiting == nil, !connection.hasOutput else { return }
        drop(connection)
    }

    private func drop(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.fd) != nil else { return }
        Socket.close(connection.fd)
    }

    /// Whether a notification carries the secret as one of its Body `attributes` (`{"key": header, "value": …}`):
    /// what a batched 4.17 post has, since batches carry no header attributes (docs/api.md §10.5).
    private static func carries(_ secret: (header: String, value: [UInt8]), in notification: JSON) -> Bool {
        (notification["attributes"]?.array ?? []).contains { attribute in
            attribute["key"]?.string?.lowercased() == secret.header && constantTimeEqual(Array((attribute["value"]?.string ?? "").utf8), secret.value)
        }
    }

    /// Whether `needle` occurs in `haystack`: memchr to each candidate first byte, then memcmp; at most
    /// `haystack.count × needle.count` byte comparisons, with a needle of a secret's few dozen bytes.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress, let pattern = pin.baseAddress else { return false }
                let last = hay.count - pin.count
                var offset = 0
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    offset = UnsafeRawPointer(found) - base
                    if memcmp(found, pattern, pin.count) == 0 { return true }
                    offset += 1
                }
                return false
            }
        }
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func reason(_ status: Int) -> String {
        [
            200: "OK", 400: "Bad Request", 401: "Unauthorized", 405: "Method Not Allowed", 408: "Request Timeout", 411: "Length Required",
            413: "Content Too Large", 431: "Request Header Fields Too Large", 501: "Not Implemented", 503: "Service Unavailable",
        ][status] ?? "Error"
    }
}
