import APIContract
import Foundation
import SafeFile

/// Everything the sandbox is but its network: the state directory's certificates, fleet and world, the IDP, the
/// API, monitor evaluation and deliveries, and the router in front of them. ``SandboxServer`` puts it behind
/// HTTPS; tests drive its ``router`` in-process for request and response behaviour (docs/architecture.md §6.3).
package struct SandboxStack: Sendable {
    package let configuration: SandboxConfiguration
    package let router: SandboxRouter
    let pki: SandboxPKI
    let fleet: Fleet
    let oauth: OAuthServer
    let clock: SimulationClock
    let engine: MonitorEngine
    let deliveries: Deliveries
    let keeper: WorldKeeper
    let notifier: Notifier

    /// Builds the stack on `configuration.stateDirectory`: a saved world goes on from where it was, a new one ends
    /// its generated history now (or at `--epoch`); the configuration's startup changes are applied.
    package init(configuration: SandboxConfiguration) throws {
        self.configuration = configuration
        let directory = configuration.stateDirectory
        try SafeFile.makeDirectory(directory.path)
        do { pki = try SandboxPKI(directory: directory) } catch {
            throw SandboxStartupError("cannot make the sandbox certificates in \(directory.path): \(error)")
        }
        let worldFile = WorldFile(directory: directory)
        let saved = try worldFile.load()
        let epoch = saved.map { $0.epoch ?? WorldFile.formerEpoch } ?? configuration.epoch ?? Int(Clock.now)
        let fleet = Fleet(
            seed: configuration.seed, vehicles: configuration.vehicles, alerts: configuration.alerts, trips: configuration.trips, epoch: epoch)
        self.fleet = fleet
        oauth = OAuthServer(seed: configuration.seed, tokenLifetime: configuration.tokenLifetime)
        clock = SimulationClock(start: saved?.clock ?? Double(epoch), scale: configuration.timeScale)
        let callbacks = try CallbackStore(directory: directory, seed: configuration.seed)
        let committed = (saved?.vehicles ?? [:]).reduce(into: [Int: VehicleState]()) { all, entry in
            if let index = Int(entry.key), index < fleet.vehicleCount { all[index] = entry.value }
        }
        let life = (configuration.life ?? saved?.life.flatMap(Life.Profile.init)).map { Life($0, fleet: fleet) }
        let world = World(fleet: fleet, clock: clock, callbacks: callbacks, committed: committed, life: life)
        let api = ConnectedCarAPI(
            fleet: fleet, oauth: oauth, monitors: try MonitorStore(directory: directory), callbacks: callbacks, world: world,
            remoteFailure: configuration.remoteFailure)
        deliveries = try Deliveries(directory: directory)
        engine = MonitorEngine(api: api, deliveries: deliveries, progress: saved?.monitors)
        keeper = WorldKeeper(file: worldFile, world: world, engine: engine)
        let faults = FaultInjector(settings: configuration.faults, seed: configuration.seed, clock: clock)
        let control = ControlAPI(world: world, engine: engine, keeper: keeper, deliveries: deliveries, faults: faults)
        for startup in configuration.startup { try control.perform(startup) }
        notifier = Notifier(
            api: api, engine: engine, deliveries: deliveries, client: try WebhookClient(caCertificate: pki.caCertificate.path), keeper: keeper)
        router = SandboxRouter(
            api: api, oauth: oauth, control: control, faults: faults)
    }

    /// Writes `sandbox.json` for a sandbox reachable at `serverURL`, and tells monitor evaluation its origin.
    package func announce(serverURL: String) throws {
        engine.setOrigin(serverURL)
        try StateFile.write(configuration: configuration, serverURL: serverURL, pki: pki, oauth: oauth, fleet: fleet)
    }

    /// Saves what a restart goes on from: pending deliveries and the world.
    package func save() {
        try? deliveries.flush()
        try? keeper.save()
    }
}
