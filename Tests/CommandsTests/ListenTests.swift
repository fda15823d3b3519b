import Foundation
import Shell
import Synchronization
import TestSupport
import Testing

/// `listen` through the real binary: what the sandbox posts to a callback arrives as records; the secret header
/// is enforced; and hostile input — garbage, 10 MB bodies, a thousand posts at once, slow clients — costs nothing:
/// every good notification arrives, in order, exactly once.
@Suite(.sandbox("--vehicles", "2", "--time-scale", "60"), .serialized)
struct ListenTests {
    /// Starts `ccsh ARGUMENTS` and returns it with its stdout; the test waits for it.
    static func start(_ arguments: [String], home: SessionCommandTests.Home, environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Executables.url(for: "ccsh")
        process.arguments = arguments
        process.environment = home.environment.merging(environment) { $1 }
        let (stdout, stderr) = (Pipe(), Pipe())
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return (process, stdout, stderr)
    }

    /// Waits until something accepts connections on `port`.
    static func waitForListener(_ port: UInt16) throws {
        for _ in 0..<200 {
            if (try? RawHTTP(port: port)) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("nothing listens on \(port)")
    }

    @Test("ccsh -c 'listen --port P | first 2' receives two notifications the sandbox posts for a remote action, and exits 0")
    func receivesFromTheSandbox() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let port = RawHTTP.freePort()
        let (listen, stdout, stderr) = try Self.start(["--output", "json", "-c", "listen --port \(port) | first 2"], home: home)
        try Self.waitForListener(port)
        let trigger = try home.ccsh(
            "let cb = (callbacks create --label listen-test --target http://127.0.0.1:\(port)/ --types remote); "
                + "remote 0 horn --callback-id $cb.callbackId | get status",
            ["--api-version", "4.17"])
        #expect(trigger.status == 0, "\(trigger.stderr)")
        listen.waitUntilExit()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(listen.terminationStatus == 0, "\(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let records = try JSONReader.value(from: Array(output.utf8)).listItems ?? []
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.recordValue?["type"] == "Remote" })
        #expect(records.first?.recordValue?.at("remoteEvent.eventStatus.status") == "Accepted")
    }

    @Test("--tls: the sandbox posts over HTTPS to a listen with its certificate; a certificate ccsh makes verifies for 127.0.0.1")
    func tls() throws {
        let home = try SessionCommandTests.Home().loggedIn()
        let directory = try suiteSandbox().directory.path
        let port = RawHTTP.freePort()
        let (listen, stdout, stderr) = try Self.start(
            ["--output", "json", "-c", "listen --port \(port) --tls --cert \(directory)/server.crt --key \(directory)/server.key | first 2"],
            home: home)
        try Self.waitForListener(port)
        let trigger = try home.ccsh(
            "let cb = (callbacks create --label tls --target https://127.0.0.1:\(port)/ --types remote); remote 1 horn --callback-id $cb.callbackId | get status",
            ["--api-version", "4.17"])
        #expect(trigger.status == 0, "\(trigger.stderr)")
        listen.waitUntilExit()
        #expect(listen.terminationStatus == 0, "\(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let records = try JSONReader.value(from: Array(stdout.fileHandleForReading.readDataToEndOfFile())).listItems ?? []
        #expect(records.map { $0.recordValue?.at("remoteEvent.eventStatus.status") } == ["Accepted", "WakingUpVehicle"])

        let ownPort = RawHTTP.freePort()
        let (own, ownOutput, _) = try Self.start(["--output", "json", "-c", "listen --port \(ownPort) --tls | first 1"], home: home)
        try Self.waitForListener(ownPort)
        let made = home.root.appendingPathComponent("state/ccsh/cache")
        let key = try FileManager.default.attributesOfItem(atPath: made.appendingPathComponent("listen.key").path)
        #expect((key[.posixPermissions] as? Int) == 0o600)
        let curl = try Executables.run(
            URL(fileURLWithPath: "/usr/bin/curl"),
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", made.appendingPathComponent("listen.crt").path, "-d", #"{"over": "tls"}"#,
                "https://127.0.0.1:\(ownPort)/",
            ],
            environment: [:])
        #expect(curl.stdout == "200", "\(curl.stderr)")
        own.waitUntilExit()
        #expect(try JSONReader.value(from: Array(ownOutput.fileHandleForReading.readDataToEndOfFile())) == [["over": "tls"]])
    }

    @Test("--print in a pipe writes each notification as one JSON line as it arrives, and --timeout ends it with status 0")
    func print() throws {
        let home = try SessionCommandTests.Home()
        let port = RawHTTP.freePort()
        let (listen, stdout, _) = try Self.start(["-c", "listen --port \(port) --print --timeout 2s"], home: home)
        try Self.waitForListener(port)
        #expect(try RawHTTP.postOnce(#"{"n": 1}"#, port: port) == 200)
        #expect(try RawHTTP.postOnce(#"[{"n": 2}, {"n": 3}]"#, port: port) == 200)
        listen.waitUntilExit()
        #expect(listen.terminationStatus == 0)
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output == "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n")
    }

    @Test("with --secret, a post without it gets 401 and does not appear; with the header, or in every item of a batch's attributes, it does")
    func secret() throws {
        let home = try SessionCommandTests.Home()
        let port = RawHTTP.freePort()
        let secret = "0123456789abcdef0123"
        let (listen, stdout, _) = try Self.start(
            ["--output", "json", "-c", "listen --port \(port) --secret env:LISTEN_SECRET | first 3"],
            home: home, environment: ["LISTEN_SECRET": secret])
        try Self.waitForListener(port)
        #expect(try RawHTTP.postOnce(#"{"n": "without"}"#, port: port) == 401)
        #expect(try RawHTTP.postOnce(#"{"n": "wrong"}"#, port: port, headers: ["X-Ccsh-Secret: nope"]) == 401)
        #expect(try RawHTTP.postOnce(#"{"n": "with"}"#, port: port, headers: ["X-Ccsh-Secret: \(secret)"]) == 200)
        let carried = #"{"key": "X-Ccsh-Secret", "value": "\#(secret)"}"#
        #expect(try RawHTTP.postOnce(#"[{"n": "half", "attributes": [\#(carried)]}, {"n": "bare"}]"#, port: port) == 401)
        #expect(try RawHTTP.postOnce(#"[{"n": "b1", "attributes": [\#(carried)]}, {"n": "b2", "attributes": [\#(carried)]}]"#, port: port) == 200)
        listen.waitUntilExit()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let names = try JSONReader.value(from: Array(output.utf8)).listItems?.map { $0.recordValue?["n"] ?? .null }
        #expect(names == ["with", "b1", "b2"])
    }

    @Test(
        "framing attacks (chunk sizes that overflow, negative or malformed; two lengths; a header flood) get 400/413/431, and the listener lives on",
        arguments: [false, true])
    func framingAttacks(withSecret: Bool) throws {
        let home = try SessionCommandTests.Home()
        let port = RawHTTP.freePort()
        let secret = "0123456789abcdef0123"
        let (listen, stdout, stderr) = try Self.start(
            ["--output", "ndjson", "-c", "listen --port \(port) --print --timeout 60s" + (withSecret ? " --secret env:LISTEN_SECRET" : "")],
            home: home, environment: ["LISTEN_SECRET": secret])
        defer { listen.terminate() }
        try Self.waitForListener(port)
        let chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        let attacks: [(String, Int)] = [
            (chunked + "7fffffffffffffff\r\n", 413), (chunked + "ffffffffffffffffffff\r\n", 413), (chunked + "1\r\n{\r\n7fffffffffffffff\r\n", 413),
            (chunked + "-1\r\n", 400), (chunked + "zz\r\n", 400), (chunked + "+5\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", 400),
            ("POST / HTTP/1.1\r\nHost: x\nContent-Length: 2\r\n\r\n{}", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\nContent-Length: 2\r\n\r\n{}", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
            ("POST / HTTP/1.1\r\nHost: x\r\n" + (0..<200).map { "X-\($0): 1\r\n" }.joined() + "Content-Length: 2\r\n\r\n{}", 431),
            ("POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 20_000) + "\r\n\r\n", 431),
        ]
        for (attack, status) in attacks {
            let client = try RawHTTP(port: port)
            client.send(attack)
            #expect(client.status() == status, "\(attack.prefix(80).debugDescription)")
        }
        #expect(listen.isRunning, "the listener lives")
        let good = withSecret ? ["X-Ccsh-Secret: \(secret)"] : []
        #expect(try RawHTTP.postOnce(#"{"after": "attacks"}"#, port: port, headers: good) == 200)
        let line = try Self.readLine(stdout, within: 5)
        #expect(line == #"{"after":"attacks"}"#, "\(String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self))")
    }

    @Test("a wrong secret header is refused at the head, before the body; without the header no parser diagnostics are given")
    func secretBeforeBody() throws {
        let home = try SessionCommandTests.Home()
        let port = RawHTTP.freePort()
        let (listen, _, _) = try Self.start(
            ["-c", "listen --port \(port) --timeout 30s --secret env:LISTEN_SECRET | first 1"], home: home,
            environment: ["LISTEN_SECRET": "0123456789abcdef0123"])
        defer { listen.terminate() }
        try Self.waitForListener(port)
        // A head with a wrong secret announcing a 1 MiB body: answered before any of the body is sent.
        let client = try RawHTTP(port: port)
        client.send("POST / HTTP/1.1\r\nHost: x\r\nX-Ccsh-Secret: wrong\r\nContent-Length: 1048576\r\n\r\n")
        #expect(client.status() == 401)
        let (status, body) = try RawHTTP.exchange(RawHTTP.post("{not json"), port: port)
        #expect(status == 401)
        #expect(!body.contains("line"), "no parser diagnostics before authentication: \(body)")
    }

    @Test("listen --print | cat > FILE: each notification is in FILE while the listener still runs, right after its 200")
    func printFlushesEachRecord() throws {
        let home = try SessionCommandTests.Home()
        let port = RawHTTP.freePort()
        try FileManager.default.createDirectory(at: home.root, withIntermediateDirectories: true)
        let file = home.root.appendingPathComponent("printed.ndjson")
        let ccsh = try #require(Executables.url(for: "ccsh")).path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "'\(ccsh)' -c 'listen --port \(port) --print --timeout 60s' | cat > '\(file.path)'"]
        shell.environment = home.environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        try shell.run()
        defer { shell.terminate() }
        try Self.waitForListener(port)
        for n in 1...3 {
            #expect(try RawHTTP.postOnce(#"{"n": \#(n)}"#, port: port) == 200)
            let answered = Date()
            var lines: [Substring] = []
            while Date().timeIntervalSince(answered) < 5 {
                lines = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self).split(separator: "\n")
                if lines.count == n { break }
                Thread.sleep(forTimeInterval: 0.002)
            }
            // By construction the record is written and flushed before its 200 goes out: what is left is `cat`'s copy.
            let latency = Date().timeIntervalSince(answered)
            #expect(lines.count == n, "notification \(n) is in the file while listen runs")
            #expect(latency < 1, "in the file \(Int(latency * 1000)) ms after its 200")
            Swift.print("listen --print | cat > FILE: notification \(n) in the file \(String(format: "%.1f", latency * 1000)) ms after its 200")
            #expect(lines.last == #"{"n":\#(n)}"#)
            #expect(shell.isRunning)
        }
    }

    @Test("listen | first 2 with a batch of three: the sender gets 503, and the batch, sent again, reaches the next reader whole")
    func firstStopsAcknowledging() throws {
        let home = try SessionCommandTests.Home()
        let port = RawHTTP.freePort()
        let batch = #"[{"n": 1}, {"n": 2}, {"n": 3}]"#
        let (first, firstOutput, _) = try Self.start(["--output", "json", "-c", "listen --port \(port) --timeout 60s | first 2"], home: home)
        try Self.waitForListener(port)
        #expect(try RawHTTP.postOnce(batch, port: port) == 503, "two of three taken: not acknowledged")
        first.waitUntilExit()
        #expect(try JSONReader.value(from: Array(firstOutput.fileHandleForReading.readDataToEndOfFile())) == [["n": 1], ["n": 2]])

        let (next, nextOutput, _) = try Self.start(["--output", "json", "-c", "listen --port \(port) --timeout 60s | first 3"], home: home)
        try Self.waitForListener(port)
        #expect(try RawHTTP.postOnce(batch, port: port) == 200, "the retry")
        next.waitUntilExit()
        #expect(try JSONReader.value(from: Array(nextOutput.fileHandleForReading.readDataToEndOfFile())) == [["n": 1], ["n": 2], ["n": 3]])
    }

    /// The next line of `pipe`, waiting at most `seconds`.
    static func readLine(_ pipe: Pipe, within seconds: Double) throws -> String? {
        let handle = pipe.fileHandleForReading
        let deadline = Date().addingTimeInterval(seconds)
        var bytes: [UInt8] = []
        var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        while Date() < deadline {
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            var byte: UInt8 = 0
            guard read(handle.fileDescriptor, &byte, 1) == 1 else { return nil }
            if byte == 10 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }

    @Test("what a background listener acknowledged and nobody read is saved to a 0600 file by listen stop and when the shell ends")
    func unreadSaved() throws {
        let home = try SessionCommandTests.Home()
        // The same port twice, a moment apart (most often within one second): two files, the second never over the first.
        let port = RawHTTP.freePort()
        let statuses = Mutex<[Int?]>([])
        @Sendable func post(_ body: String) -> @Sendable (Int32) -> Void {
            { _ in statuses.withLock { $0.append(try? RawHTTP.postOnce(body, port: port)) } }
        }
        let run = try home.replOnTerminal([
            .init(after: "> ", "listen --port \(port) --background | get port\r"),
            .init(
                after: "\r\n\(port)\r\n", "listen stop | get 0.pending\r",
                observe: { pid in
                    post(#"{"n": 1}"#)(pid)
                    post(#"[{"n": 2}, {"n": 3}]"#)(pid)
                }),
            .init(after: "\r\n3\r\n", "listen --port \(port) --background | get port\r"),
            .init(after: "\r\n\(port)\r\n", "exit\r", observe: post(#"{"n": 4}"#)),
        ])
        #expect(run.status == 0, "\(run.screen)")
        #expect(statuses.withLock { $0 } == [200, 200, 200], "each post acknowledged")
        let directory = home.root.appendingPathComponent("state/ccsh/unread")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == 2 && files.allSatisfy { $0.hasPrefix("listen-\(port)-") && $0.hasSuffix(".ndjson") }, "\(files)")
        let read = { (name: String) in try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }
        let stopped = try #require(try files.first { try read($0).hasPrefix("{\"n\":1}") })
        let ended = try #require(try files.first { try read($0).hasPrefix("{\"n\":4}") })
        #expect(try read(stopped) == "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n")
        #expect(try read(ended) == "{\"n\":4}\n")
        for name in files {
            let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
        let note = "listen: 1 notification the listener on port \(port) kept and nobody read is in \(directory.path)/\(ended)"
        #expect(run.screen.replacingOccurrences(of: "\r\n", with: "\n").contains(note), "\(run.screen)")
    }

    @Test("at the prompt, Ctrl-C ends a listen cleanly: the prompt comes back and the port is free again")
    func controlC() throws {
        let home = try SessionCommandTests.Home()
        let port = RawHTTP.freePort()
        let run = try home.replOnTerminal([
            .init(after: "> ", "listen --port \(port)\r"),
            .init(after: "Ctrl-C ends", "\u{3}", pause: 0.3),
            .init(after: "> ", "listen --port \(port) --timeout 1s | count\r"),
            .init(after: "\r\n0", "exit\r"),
        ])
        #expect(run.status == 0, "\(run.screen)")
        #expect(run.screen.contains("listening on http://127.0.0.1:\(port)/"))
        #expect(!run.screen.contains("cannot listen"), "\(run.screen)")
    }

    @Test("garbage, 10 MB bodies, 1 000 posts at once and slow clients: every good notification arrives, in order, exactly once")
    func hostileInput() throws {
        let home = try SessionCommandTests.Home()
        let port = RawHTTP.freePort()
        let (sequential, burst) = (200, 1000)
        // It ends by itself after that many: a duplicate would take the place of one never seen.
        let (printer, printed, _) = try Self.start(
            ["--output", "ndjson", "-c", "listen --port \(port) --timeout 120s | first \(sequential + burst)"], home: home)
        try Self.waitForListener(port)

        // Slow clients: 100 connections that send half a head, then a byte now and then.
        let slow = try (0..<100).map { _ in try RawHTTP(port: port) }
        for client in slow { client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Le") }
        // Garbage and oversized bodies, from another thread while the good posts go on.
        let refusals = Refusals()
        let attacks = Thread {
            for n in 0..<30 {
                if let client = try? RawHTTP(port: port) {
                    // Random bytes after a NUL: never the start of a request line, whatever the draw.
                    client.send([0] + (0..<2000).map { _ in UInt8.random(in: 0...255) })
                    refusals.garbage.withLock { $0.append(client.status()) }
                }
                if n % 10 == 0, let client = try? RawHTTP(port: port) {
                    client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n")
                    refusals.oversized.withLock { $0.append(client.status()) }
                    client.send([UInt8](repeating: 0x7B, count: 1 << 20))
                }
                for client in slow.prefix(20) { client.send("n") }
            }
        }
        attacks.start()
        // A thousand posts at once: every connection opened and written before any answer is read.
        let crowd = try (0..<burst).map { n in
            let client = try RawHTTP(port: port)
            client.send(RawHTTP.post(#"{"burst": \#(n)}"#))
            return client
        }
        var sequentialStatuses: [Int?] = []
        for n in 0..<sequential - 1 { sequentialStatuses.append(try RawHTTP.postOnce(#"{"seq": \#(n)}"#, port: port)) }
        let crowdStatuses = crowd.map { $0.status() }
        // The last good post waits for the attacks: the listener ends with it (`first N`), and on a loaded machine the
        // attacks could still be going, their late connections closed unanswered by a listener that had finished.
        while !attacks.isFinished { Thread.sleep(forTimeInterval: 0.05) }
        sequentialStatuses.append(try RawHTTP.postOnce(#"{"seq": \#(sequential - 1)}"#, port: port))
        #expect(sequentialStatuses.allSatisfy { $0 == 200 }, "\(sequentialStatuses.filter { $0 != 200 })")
        #expect(crowdStatuses.allSatisfy { $0 == 200 }, "\(crowdStatuses.filter { $0 != 200 }.count) of the crowd not 200")
        #expect(refusals.garbage.withLock { $0 } == Array(repeating: 400, count: 30), "garbage is refused at once")
        #expect(refusals.oversized.withLock { $0 } == Array(repeating: 413, count: 3), "10 MB is refused before its body is read")

        printer.waitUntilExit()
        #expect(printer.terminationStatus == 0)
        let lines = String(decoding: printed.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let values = try lines.map { try JSONReader.value(from: Array($0.utf8)) }
        let seq = values.compactMap { $0.recordValue?["seq"].flatMap { if case .int(let n) = $0 { n } else { nil } } }
        let crowdSeen = values.compactMap { $0.recordValue?["burst"].flatMap { if case .int(let n) = $0 { n } else { nil } } }
        #expect(seq == Array(0..<sequential), "the sequential posts, in order, once each")
        #expect(crowdSeen.sorted() == Array(0..<burst), "every post of the crowd, once")
        #expect(values.count == sequential + burst, "nothing else: \(values.count) records")
    }
}

/// What the hostile clients of ``ListenTests/hostileInput()`` were answered.
private final class Refusals: Sendable {
    let garbage = Mutex<[Int?]>([])
    let oversized = Mutex<[Int?]>([])
}
