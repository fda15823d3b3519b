import APIContract
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import SafeFile

/// The sandbox: one HTTPS server on 127.0.0.1 carrying the OAuth IDP (`/am/oauth2/…`) and the Connected Car API
/// (`/connectedcar/v4/…`), with fault injection and an optional request log.
package struct SandboxServer: Sendable {
    package let configuration: SandboxConfiguration

    package init(configuration: SandboxConfiguration) { self.configuration = configuration }

    /// Runs until SIGTERM or SIGINT. `onReady` gets the server URL once the port is bound and `sandbox.json` is
    /// written. `onStarted` gets what saves the world (its clock, cars, monitors and pending deliveries), for a
    /// process that ends otherwise than by a signal (`--exit-on-stdin-eof`): a restart then goes on from there,
    /// not from the last periodic save (when remote actions done since would look still in progress).
    package func run(
        onStarted: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void = { _ in }, onReady: @escaping @Sendable (String) -> Void
    )
        async throws
    {
        let stack = try SandboxStack(configuration: configuration)
        let pki = stack.pki
        onStarted { stack.save() }
        let responder = SandboxResponder(router: stack.router, log: configuration.log ? RequestLog() : nil)

        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(pki.serverCertificate.path).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: pki.serverKey.path, format: .pem)))
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(pki.caCertificate.path))
        // On shutdown, don't wait NIOSSL's default 5 s for idle keep-alive clients to answer close_notify.
        tls.shutdownTimeout = .milliseconds(200)
        switch configuration.mtls {
        // Not .fullVerification: on a server that would check the client's certificate against its IP address.
        case .required: tls.certificateVerification = .noHostnameVerification
        case .optional: tls.certificateVerification = .optionalVerification
        case .off: tls.certificateVerification = .none
        }

        var logger = Logger(label: "ccsh-sandbox")
        logger.logLevel = .critical
        let configuration = self.configuration
        let app = Application(
            responder: responder,
            server: try .tls(
                .http1(
                    configuration: .init(additionalChannelHandlers: [WorldDate(clock: stack.clock, skew: configuration.clockSkew)])),
                tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "ccsh-sandbox"),
            onServerRunning: { channel in
                let url = "https://127.0.0.1:\(channel.localAddress?.port ?? configuration.port)"
                do { try stack.announce(serverURL: url) } catch {
                    FileHandle.standardError.write(Data("ccsh-sandbox: \(error)\n".utf8))
                }
                onReady(url)
            },
            logger: logger)
        let events = Task { await stack.notifier.run() }
        defer { events.cancel() }
        try await app.runService()
        stack.save()
    }
}
