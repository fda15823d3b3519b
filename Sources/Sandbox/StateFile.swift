import APIContract
import Foundation

/// Writes `DIR/sandbox.json`, the description of the running sandbox that ccsh, the tests and
/// `speccheck.py --endpoints` read. It holds the demo credentials, so it is mode 0600.
enum StateFile {
    static func write(
        configuration: SandboxConfiguration, serverURL: String, pki: SandboxPKI, oauth: OAuthServer, fleet: Fleet
    ) throws {
        let defaultBrand = Brand.all[0]
        let vehicles: [JSON] = (0..<min(fleet.vehicleCount, 100)).map { index in
            let v = fleet.vehicle(index)
            return .obj([
                "index": .int(index), "id": .string(v.id), "vin": .string(v.vin), "brand": .string(v.brand.name), "label": .string(v.model.label),
            ])
        }
        let document: JSON = .obj([
            "server_url": .string(serverURL),
            "base_url": .string(serverURL + "/connectedcar/v4"),
            "token_url": .string(serverURL + "/am/oauth2/access_token"),
            "authorize_url": .string(serverURL + "/am/oauth2/authorize"),
            "revoke_url": .string(serverURL + "/am/oauth2/token/revoke"),
            "client_id": .string(oauth.clientID),
            "client_secret": .string(oauth.clientSecret),
            "realm": .string(defaultBrand.realm),
            "realms": .array(Brand.realms.map { .string($0) }),
            "brands": .object(
                Brand.all.map {
                    (
                        $0.name,
                        .obj([
                            "tld": .string($0.tld), "realm": .string($0.realm), "otp_realm": .string($0.otpRealm),
                            "redirect_scheme": .string($0.redirectScheme),
                        ])
                    )
                }),
            "redirect_uri": .string("\(defaultBrand.redirectScheme)://oauth2redirect/fr"),
            "username": .string(oauth.account.email),
            "password": .string(oauth.account.password),
            "mtls": configuration.mtls == .off ? false : .string(configuration.mtls.rawValue),
            "ca_cert": .string(pki.caCertificate.path),
            "client_cert": .string(pki.clientCertificate.path),
            "client_key": .string(pki.clientKey.path),
            "client_key_encrypted": .string(pki.clientKeyEncrypted.path),
            "client_cert_expired": .string(pki.expiredClientCertificate.path),
            "client_key_password": .string(pki.clientKeyPassword),
            "token_ttl": .int(configuration.tokenLifetime),
            "vehicle_count": .int(fleet.vehicleCount),
            "alerts_per_vehicle": .int(fleet.alertsPerVehicle),
            "trips_per_vehicle": .int(fleet.tripsPerVehicle),
            "vehicles": .array(vehicles),
            "seed": .int(Int(truncatingIfNeeded: configuration.seed)),
            "pid": .int(Int(getpid())),
        ])
        try AtomicFile.write(document.bytes, to: configuration.stateDirectory.appendingPathComponent("sandbox.json"), mode: 0o600)
    }
}
