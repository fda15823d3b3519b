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
        let directory = configuration.stateDirectory
        try SafeFile.makeDirectory(directory.path)
        let pki: SandboxPKI
        do { pki = try SandboxPKI(directory: directory) } catch {
            throw SandboxStartupError("cannot make the sandbox certificates in \(directory.path): \(error)")
        }
        let worldFile = WorldFile(directory: directory)
        let saved = try worldFile.load()
        // A saved world goes on with the history it was made with; a new one ends its history now (or at --epoch).
        let epoch = saved.map { $0.epoch ?? WorldFile.formerEpoch } ?? configuration.epoch ?? Int(Clock.now)
        let fleet = Fleet(
            seed: configuration.seed, vehicles: configuration.vehicles, alerts: configuration.alerts, trips: configuration.trips, epoch: epoch)
        let oauth = OAuthServer(seed: configuration.seed, tokenLifetime: configuration.tokenLifetime)
        let clock = SimulationClock(start: saved?.clock ?? Double(epoch), scale: configuration.timeScale)
        let callbacks = try CallbackStore(directory: directory, seed: configuration.seed)
        let committed = (saved?.vehicles ?? [:]).reduce(into: [Int: VehicleState]()) { all, entry in
            if let index = Int(entry.key), index < fleet.vehicleCount { all[index] = entry.value }
        }
        let world = World(fleet: fleet, clock: clock, callbacks: callbacks, committed: committed)
        let api = ConnectedCarAPI(
            fleet: fleet, oauth: oauth, monitors: try MonitorStore(directory: directory), callbacks: callbacks, world: world,
            remoteFailure: configuration.remoteFailure)
        let deliveries = try Deliveries(directory: directory)
        let engine = MonitorEngine(api: api, deliveries: deliveries, progress: saved?.monitors)
        let keeper = WorldKeeper(file: worldFile, world: world, engine: engine)
        let control = ControlAPI(world: world, engine: engine, keeper: keeper, deliveries: deliveries)
        onStarted {
            try? deliveries.flush()
            try? keeper.save()
        }
        for startup in configuration.startup { try control.perform(startup) }
        let notifier = Notifier(
            api: api, engine: engine, deliveries: deliveries, client: try WebhookClient(caCertificate: pki.caCertificate.path), keeper: keeper)
        let responder = SandboxResponder(
            api: api, oauth: oauth, control: control,
            faults: FaultInjector(settings: configuration.faults, seed: configuration.seed), log: configuration.log ? RequestLog() : nil)

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
                    configuration: .init(additionalChannelHandlers: [WorldDate(clock: clock, skew: configuration.clockSkew)])),
                tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "ccsh-sandbox"),
            onServerRunning: { channel in
                let url = "https://127.0.0.1:\(channel.localAddress?.port ?? configuration.port)"
                do {
                    try StateFile.write(configuration: configuration, serverURL: url, pki: pki, oauth: oauth, fleet: fleet)
                } catch {
                    FileHandle.standardError.write(Data("ccsh-sandbox: \(error)\n".utf8))
                }
                engine.setOrigin(url)
                onReady(url)
            },
            logger: logger)
        let events = Task { await notifier.run() }
        defer { events.cancel() }
        try await app.runService()
        try? deliveries.flush()
        try? keeper.save()
    }
}
