import Client
import Foundation
import TestSupport
import Testing

/// Logging in with each grant and sending requests through a real Session over mutual TLS.
@Suite(.sandbox("--alerts", "130", "--log"))
struct SessionTests {
    static func tokenDirectory() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-tokens-\(UUID().uuidString)") }

    static func loggedIn(_ sandbox: SandboxProcess, directory: URL = tokenDirectory()) throws -> Session {
        let session = try sandbox.endpoints.session(tokenDirectory: directory)
        try session.login(username: sandbox.endpoints.username, password: sandbox.endpoints.password)
        return session
    }

    @Test("password grant, then a request; the token file is mode 0600 and holds no secret but the tokens")
    func passwordLogin() throws {
        let sandbox = try suiteSandbox()
        let session = try Self.loggedIn(sandbox)
        let user = try session.send(.get("/user"))
        #expect(user.status == 200)
        let file = session.keeper.store.file
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains(sandbox.endpoints.clientSecret))
        #expect(!text.contains(sandbox.endpoints.password))
    }

    @Test("authorization code with PKCE: the URL, the browser's redirect pasted back, then requests work")
    func codeLogin() throws {
        let sandbox = try suiteSandbox()
        for pasteWholeURL in [true, false] {
            let session = try sandbox.endpoints.session(tokenDirectory: Self.tokenDirectory())
            let url = try session.beginLogin()
            #expect(url.contains("code_challenge_method=S256"))
            let browser = try CurlTransport(tls: sandbox.tls)
            let redirect = try #require(try browser.perform(HTTPRequestData(method: "GET", url: url)).header("Location"))
            let code = try #require(redirect.components(separatedBy: "code=").last?.components(separatedBy: "&").first)
            try session.completeLogin(pasted: pasteWholeURL ? redirect : code)
            #expect(try session.send(.get("/user")).status == 200)
        }
    }

    @Test("a redirect from another login (wrong state) is refused before any exchange")
    func wrongState() throws {
        let sandbox = try suiteSandbox()
        let session = try sandbox.endpoints.session(tokenDirectory: Self.tokenDirectory())
        _ = try session.beginLogin()
        let error = #expect(throws: ClientError.self) {
            try session.completeLogin(pasted: "mymap://oauth2redirect/fr?code=0b1c6d5e-1111-4222-8333-944455556666&state=somethingelse")
        }
        #expect(error?.code == .loginRequired)
    }

    @Test("refresh rotation is persisted: the file holds the new refresh token, the old one is dead")
    func rotationPersisted() throws {
        let sandbox = try suiteSandbox()
        let session = try Self.loggedIn(sandbox)
        let before = try #require(try session.keeper.store.read())
        _ = try session.keeper.refresh(after: before.accessToken, using: session.transport)
        let after = try #require(try session.keeper.store.read())
        #expect(after.refreshToken != before.refreshToken)
        #expect(after.accessToken != before.accessToken)
        let stale = #expect(throws: ClientError.self) {
            try session.keeper.oauth.refresh(try #require(before.refreshToken), using: session.transport)
        }
        #expect(stale?.code == .loginRequired)
        #expect(stale?.hint?.contains("login") == true)
        #expect(try session.send(.get("/user")).status == 200)
    }

    @Test("no tokens: a clear loginRequired error that says to run login")
    func notLoggedIn() throws {
        let session = try suiteSandbox().endpoints.session(tokenDirectory: Self.tokenDirectory())
        let error = #expect(throws: ClientError.self) { try session.send(.get("/user")) }
        #expect(error?.code == .loginRequired)
        #expect(error?.hint == "run `login` first")
    }

    @Test("130 alerts: the cursor visits each once; taking 3 fetches one page")
    func paging() throws {
        let sandbox = try suiteSandbox()
        let session = try Self.loggedIn(sandbox)
        let vehicle = sandbox.endpoints.vehicles[0].id
        let cursor = CollectionCursor(session: session, request: .get("/user/vehicles/\(vehicle)/alerts"))
        let ids = try Self.ids(cursor)
        #expect(ids.count == 130)
        #expect(Set(ids).count == 130)
        #expect(cursor.pagesFetched == 3)
        #expect(cursor.total == 130)
        #expect(cursor.embeddedKey == "alerts")

        let logged = { sandbox.stderrText.components(separatedBy: "GET /connectedcar/v4/user/vehicles/\(vehicle)/alerts ").count }
        let before = logged()
        let lazy = CollectionCursor(session: session, request: .get("/user/vehicles/\(vehicle)/alerts", query: [("pageSize", "10")]))
        var progress: [String] = []
        lazy.onPage = { fetched, total in progress.append("\(fetched)/\(total ?? 0)") }
        for _ in 0..<3 { _ = try lazy.next() }
        #expect(lazy.pagesFetched == 1)
        #expect(lazy.totalPage == 13)
        #expect(progress == ["1/13"])
        #expect(logged() - before == 1, "the sandbox saw one page request")
    }

    @Test("past the first page, pages are read ahead: each page once, in order, at most two beyond the reader")
    func readAhead() throws {
        let sandbox = try suiteSandbox()
        let session = try Self.loggedIn(sandbox)
        let vehicle = sandbox.endpoints.vehicles[1].id  // not the paging test's: its requests are counted too
        let request = APIRequest.get("/user/vehicles/\(vehicle)/alerts", query: [("pageSize", "10")])
        let logged = { sandbox.stderrText.components(separatedBy: "GET /connectedcar/v4/user/vehicles/\(vehicle)/alerts ").count }
        /// Waits (2 s at most) for the sandbox to have logged `count` more requests, then reads the count once more.
        func requests(since before: Int, expecting count: Int) -> Int {
            let deadline = Date().addingTimeInterval(2)
            while logged() - before < count, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            Thread.sleep(forTimeInterval: 0.2)
            return logged() - before
        }

        let whole = try Self.ids(CollectionCursor(session: session, request: request))
        let oneByOne = try Self.ids(CollectionCursor(session: session, request: .get("/user/vehicles/\(vehicle)/alerts")))
        #expect(whole == oneByOne, "the same 130 alerts in the same order as pages of 60 read on demand")
        #expect(whole.count == 130)

        var before = logged()
        let full = CollectionCursor(session: session, request: request)
        while try full.next() != nil {}
        #expect(full.pagesFetched == 13)
        #expect(requests(since: before, expecting: 13) == 13, "each page fetched once, none twice")

        before = logged()
        let eleven = CollectionCursor(session: session, request: request)
        for _ in 0..<11 { _ = try eleven.next() }
        #expect(eleven.pagesFetched == 2)
        #expect(requests(since: before, expecting: 4) == 4, "pages 1 and 2, page 3 read ahead and page 4 in flight")
    }

    private static func ids(_ cursor: CollectionCursor) throws -> [String] {
        var ids: [String] = []
        while let item = try cursor.next() { ids.append(try #require(JSONScanner.scan(item)?["id"]?.string)) }
        return ids
    }

    @Test("lastPosition is asked for as application/vnd.geo+json; other resources as application/hal+json")
    func acceptHeaders() throws {
        let sandbox = try suiteSandbox()
        let session = try Self.loggedIn(sandbox)
        let position = try session.send(.get("/user/vehicles/\(sandbox.endpoints.vehicles[0].id)/lastPosition"))
        #expect(position.header("Content-Type") == "application/vnd.geo+json")
        #expect(APIRequest.get("/user/vehicles").accept == "application/hal+json")
    }

    @Test("API errors carry status, the API's message and a hint, never headers or tokens")
    func apiErrors() throws {
        let sandbox = try suiteSandbox()
        let session = try Self.loggedIn(sandbox)
        let missing = #expect(throws: ClientError.self) { try session.send(.get("/user/vehicles/" + String(repeating: "a", count: 193))) }
        #expect(missing?.status == 404)
        #expect(missing?.message.hasPrefix("Not Found:") == true)
        #expect(missing?.hint != nil)
        #expect(missing?.request.hasPrefix("GET /connectedcar/v4/user/vehicles/") == true)
        let bad = #expect(throws: ClientError.self) { try session.send(.get("/user/vehicles", query: [("pageSize", "500")])) }
        #expect(bad?.status == 400)
        #expect(bad?.message.contains("pageSize") == true)
    }

    @Test("the exported curl command runs as is with CCSH_TOKEN set, and holds no secret")
    func curlExport() throws {
        let sandbox = try suiteSandbox()
        let session = try Self.loggedIn(sandbox)
        let request = APIRequest.get("/user/vehicles", query: [("pageSize", "2")])
        let command = session.curlCommand(for: request)
        let token = try #require(try session.keeper.current()?.accessToken)
        for secret in [token, sandbox.endpoints.clientSecret, sandbox.endpoints.password] { #expect(!command.contains(secret)) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " -s -o /dev/null -w '%{http_code}'"]
        process.environment = ["CCSH_TOKEN": token, "PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "200")
    }

    @Test("traces show method, URL, status and headers with Authorization masked")
    func trace() throws {
        let sandbox = try suiteSandbox()
        let session = try Self.loggedIn(sandbox)
        nonisolated(unsafe) var events: [TraceEvent] = []
        session.trace = { events.append($0) }
        _ = try session.send(.get("/user"))
        _ = try? session.send(.get("/user/nothing"))
        let text = events.map(\.description).joined(separator: "\n")
        #expect(text.contains("> GET \(sandbox.endpoints.baseURL)/user?client_id="))
        #expect(text.contains("> Authorization: ***"))
        #expect(text.contains("< 200"))
        #expect(text.contains("< 404"))
        let token = try #require(try session.keeper.current()?.accessToken)
        #expect(!text.contains(token))
    }
}
