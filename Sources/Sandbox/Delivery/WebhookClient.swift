import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Posts one notification to a callback's target over HTTP/1.1 or HTTPS (trusting the sandbox's own CA and the
/// system's), with a deadline, and tells what came back. One connection per post: a receiver that hangs or lies
/// costs one connection and one deadline, never the sandbox.
package struct WebhookClient: Sendable {
    /// What one post ended with: the receiver's status, or why there was none.
    package enum Outcome: Sendable, Equatable {
        case status(Int)
        case failed(String)

        /// Received: any 2xx (docs/api.md §10.5).
        package var isReceived: Bool { if case .status(let code) = self { (200..<300).contains(code) } else { false } }
    }

    private let tls: NIOSSLContext
    private let group: any EventLoopGroup
    /// How long a post may take, connection included.
    package var timeout: Duration = .seconds(10)

    package init(caCertificate: String) throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caCertificate))]
        tls = try NIOSSLContext(configuration: configuration)
        group = MultiThreadedEventLoopGroup.singleton
    }

    /// POSTs `body` (JSON) to `url` with `headers`.
    package func post(_ url: URL, headers: [(String, String)], body: [UInt8]) async -> Outcome {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            return .failed("not an http(s) URL: \(url.absoluteString)")
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        let request = Request(target: target, host: host, port: port, headers: headers, body: body)
        let deadline = timeout
        return await withTaskGroup(of: Outcome.self) { tasks in
            tasks.addTask { await self.send(request, https: scheme == "https") }
            tasks.addTask {
                try? await Task.sleep(for: deadline)
                return .failed("no answer within \(deadline)")
            }
            let first = await tasks.next() ?? .failed("no answer")
            tasks.cancelAll()
            return first
        }
    }

    private struct Request: Sendable {
        var target: String
        var host: String
        var port: Int
        var headers: [(String, String)]
        var body: [UInt8]
    }

    private func send(_ request: Request, https: Bool) async -> Outcome {
        do {
            let tls = self.tls
            let isAddress = request.host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(5))
                .connect(host: request.host, port: request.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if https {
                            let handler = try NIOSSLClientHandler(context: tls, serverHostname: isAddress ? nil : request.host)
                            try channel.pipeline.syncOperations.addHandler(handler)
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
            return try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: request.target)
                head.headers.add(name: "Host", value: request.port == (https ? 443 : 80) ? request.host : "\(request.host):\(request.port)")
                head.headers.add(name: "Content-Type", value: "application/json")
                head.headers.add(name: "Content-Length", value: String(request.body.count))
                head.headers.add(name: "Connection", value: "close")
                head.headers.add(name: "User-Agent", value: "ccsh-sandbox")
                for (name, value) in request.headers { head.headers.add(name: name, value: value) }
                try await outbound.write(.head(head))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: request.body))))
                try await outbound.write(.end(nil))
                for try await part in inbound {
                    if case .head(let response) = part { return Outcome.status(Int(response.status.code)) }
                }
                return Outcome.failed("the connection closed before an answer")
            }
        } catch {
            return .failed("\(error)")
        }
    }
}
