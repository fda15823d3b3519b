import APIContract
import Client
import Foundation
import Sandbox
import TestSupport

/// The sandbox without its network: a ``SandboxStack`` on a temporary state directory, whose router answers each
/// request directly — for request and response behaviour (routes, bodies, paging, errors, OAuth grants). TLS,
/// mutual TLS, persistence, deliveries and signals stay with the tests of the real process.
final class InProcessSandbox: Sendable {
    let stack: SandboxStack
    let endpoints: SandboxEndpoints
    let directory: URL

    /// Where the stack says it is (nothing listens there: requests never leave the process).
    static let origin = "https://sandbox.in-process"

    /// A fresh world, its history pinned to ``SandboxProcess/epoch`` and standing still, like the process tests'.
    init(vehicles: Int = 3, alerts: Int = 25, trips: Int = 12, change: (inout SandboxConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-in-process-\(UUID().uuidString)")
        var configuration = SandboxConfiguration(stateDirectory: directory)
        configuration.vehicles = vehicles
        configuration.alerts = alerts
        configuration.trips = trips
        configuration.epoch = Timestamp.parse(SandboxProcess.epoch)
        configuration.timeScale = 0
        change(&configuration)
        stack = try SandboxStack(configuration: configuration)
        try stack.announce(serverURL: Self.origin)
        endpoints = try SandboxEndpoints.load(directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Answers `request` as the server would, without a socket.
    func perform(_ request: HTTPRequestData) -> HTTPResponseData {
        let afterScheme = request.url.range(of: "://").map { request.url[$0.upperBound...] } ?? Substring(request.url)
        let target = String(afterScheme.drop { $0 != "/" })
        var headers: [String: String] = ["host": String(afterScheme.prefix { $0 != "/" })]
        for (name, value) in request.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        let answer = stack.router.answer(SandboxRequest(method: request.method, target: target, headers: headers, body: request.body ?? []))
        return HTTPResponseData(status: answer.response.status, headers: answer.response.headers, body: answer.response.body)
    }
}
