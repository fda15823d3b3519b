import Client
import Foundation
import Sandbox
import TestSupport
import Testing

/// 1000 random malformed requests — odd methods, paths, queries, headers and bodies — then proof the server still
/// answers correctly. Random but reproducible: the generator is seeded.
@Suite struct MalformedBurstTests {
    /// One malformed request, drawn from `random`.
    static func request(_ random: inout SeededRandom, _ e: SandboxEndpoints, token: String) -> HTTPRequestData {
        let vehicle = e.vehicles[random.int(in: 0...e.vehicles.count - 1)].id
        let junk = [
            "%00", "%ff%fe", "..", "%2e%2e", String(repeating: "a", count: random.int(in: 1...3000)), "😀", "{id}", "%", "%zz",
            "user", "vehicles", vehicle, String(vehicle.prefix(50)), "monitors", "alerts", "trips", "status", ";", "'\"", "\u{7F}",
        ]
        let method = random.pick(["GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "BREW"])
        var segments =
            random.chance(0.7) ? ["connectedcar", "v4"] : random.pick([["am", "oauth2"], ["am", "oauth2", "access_token"], [], ["connectedcar"]])
        for _ in 0..<random.int(in: 0...6) { segments.append(random.pick(junk)) }
        var query: [String] = []
        for _ in 0..<random.int(in: 0...6) {
            let name = random.pick([
                "client_id", "pageSize", "indexRange", "pageToken", "timestamps", "locale", "extension", "type", "tolerance", "%", "", "x",
            ])
            let value = random.pick([
                "", "-1", "0", "61", "1-", "9-1", "abc", "%00", "R999999/2026-01-01T00:00:00Z/PT1S", "/", "P", e.clientID,
                String(repeating: "9", count: 40), "2026-13-45T99:99:99Z/", "fr-FR", "odometer", "1e308", "NaN",
            ])
            query.append(random.chance(0.1) ? name : "\(name)=\(value)")
        }
        var url =
            e.serverURL + "/"
            + segments.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["?", "#"])) ?? "x" }.joined(separator: "/")
        if !query.isEmpty { url += "?" + query.joined(separator: "&") }
        var headers: [(name: String, value: String)] = []
        if random.chance(0.6) {
            headers.append(("Authorization", random.pick(["Bearer \(token)", "Bearer", "Bearer \(token)x", "Basic Og==", "bearer  \(token)"])))
        }
        if random.chance(0.6) { headers.append(("x-introspect-realm", random.pick([e.realm, "", "clientsB2C", "/" + e.realm, e.realm + e.realm]))) }
        if random.chance(0.5) {
            headers.append(
                (
                    "Content-Type",
                    random.pick(["application/json", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=latin1"])
                ))
        }
        if random.chance(0.2) { headers.append(("Accept", random.pick(["*/*", "text/html", "application/vnd.geo+json", ""]))) }
        var body: [UInt8]?
        if method != "GET", method != "HEAD", random.chance(0.8) {
            body = random.pick([
                Array("{".utf8), Array("[".utf8), Array(String(repeating: "[", count: 5000).utf8), Array("{\"a\":1,\"a\":2}".utf8),
                Array(MonitorTests.validBody.prefix(random.int(in: 0...MonitorTests.validBody.count)).utf8),
                (0..<random.int(in: 0...2000)).map { _ in UInt8.random(in: 0...255, using: &random) },
                Array("{\"status\": 12}".utf8), Array("grant_type=password&username=&password=".utf8), Array("\"\\ud800\"".utf8),
                Array("1e999999".utf8),
                Array("{\"label\": \"x\", \"triggerParam\": {\"triggers\": [{\"name\": \"a\", \"zone\": null}], \"bool.exp\": \"a\"}}".utf8),
            ])
        }
        return HTTPRequestData(method: method, url: url, headers: headers, body: body)
    }

    @Test("1000 malformed requests each get a 4xx/2xx answer, never a 5xx or a dropped connection; the server then works")
    func burst() async throws {
        let sandbox = try SandboxProcess.start()
        defer { sandbox.stop() }
        let token = try APIClient(sandbox).passwordToken().access
        let endpoints = sandbox.endpoints
        let tls = sandbox.tls
        let problems = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let transport = try CurlTransport(tls: tls)
                    var random = SeededRandom(seed: 2024, "burst", worker)
                    var problems: [String] = []
                    for _ in 0..<250 {
                        let request = Self.request(&random, endpoints, token: token)
                        do {
                            let response = try transport.perform(request)
                            if response.status >= 500 || response.status < 200 {
                                problems.append("\(response.status) for \(request.method) \(request.url.prefix(200)): \(response.text.prefix(200))")
                            }
                        } catch {
                            problems.append("\(error) for \(request.method) \(request.url.prefix(200))")
                        }
                    }
                    return problems
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        #expect(sandbox.isRunning)
        let client = try APIClient(sandbox)
        let vehicles = try client.api("/user/vehicles")
        #expect(vehicles.status == 200)
        #expect(vehicles.json["total"] == .int(endpoints.vehicles.count))
    }
}
