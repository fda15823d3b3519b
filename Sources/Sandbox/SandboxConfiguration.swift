import Foundation

/// Everything `ccsh-sandbox` is started with.
package struct SandboxConfiguration: Sendable {
    /// How the TLS layer treats client certificates.
    package enum MutualTLS: String, Sendable, CaseIterable {
        /// A certificate signed by the sandbox CA is required (the `api-cert` entry point).
        case required
        /// Checked when presented, else accepted (mixed clients).
        case optional
        /// Not asked for (the public `api.groupe-psa.com` entry point).
        case off
    }

    package var stateDirectory: URL
    package var port = 0
    package var seed: UInt64 = 42
    /// Where a new world's generated history ends and its clock starts (seconds since 1970; `--epoch`); nil: the
    /// machine's now. A saved world keeps the epoch it was made with.
    package var epoch: Int?
    package var vehicles = 3
    /// Alerts per vehicle.
    package var alerts = 25
    /// Trips per vehicle.
    package var trips = 12
    package var mtls = MutualTLS.required
    package var tokenLifetime = 3599
    package var faults = FaultInjector.Settings()
    package var log = false
    /// How many times faster than the machine's clock the world runs (`--time-scale`; 0 stops it).
    package var timeScale = 1.0
    /// `--life`: what the cars do by themselves as the clock runs; nil: nothing (a saved world keeps the life it was
    /// made with).
    package var life: Life.Profile?
    /// `--clock-skew`: seconds the `Date` header of every response is off the machine's clock.
    package var clockSkew = 0
    /// `--remote-fail CAUSE`: every remote action fails with this `failureCause`.
    package var remoteFailure: String?
    /// Control requests applied before the sandbox listens (`--drive`, `--plug`, `--set`, `--advance`).
    package var startup: [ControlAPI.Startup] = []

    package init(stateDirectory: URL) { self.stateDirectory = stateDirectory }
}
