import Foundation

/// The parts of `DIR/sandbox.json` tests need: where the sandbox is and how to authenticate to it.
package struct SandboxEndpoints: Decodable, Sendable {
    package var serverURL: String
    package var baseURL: String
    package var tokenURL: String
    package var authorizeURL: String
    package var revokeURL: String
    package var clientID: String
    package var clientSecret: String
    package var realm: String
    package var realms: [String]
    package var redirectURI: String
    package var username: String
    package var password: String
    package var caCert: String
    package var clientCert: String
    package var clientKey: String
    package var clientKeyEncrypted: String
    /// A certificate for `clientKey` that expired yesterday.
    package var clientCertExpired: String
    package var clientKeyPassword: String
    package var vehicles: [Vehicle]
    package var pid: Int32

    /// One listed vehicle.
    package struct Vehicle: Decodable, Sendable {
        package var index: Int
        package var id: String
        package var vin: String
        package var brand: String
        package var label: String
    }

    enum CodingKeys: String, CodingKey {
        case serverURL = "server_url"
        case baseURL = "base_url"
        case tokenURL = "token_url"
        case authorizeURL = "authorize_url"
        case revokeURL = "revoke_url"
        case clientID = "client_id"
        case clientSecret = "client_secret"
        case realm, realms
        case redirectURI = "redirect_uri"
        case username, password
        case caCert = "ca_cert"
        case clientCert = "client_cert"
        case clientKey = "client_key"
        case clientKeyEncrypted = "client_key_encrypted"
        case clientCertExpired = "client_cert_expired"
        case clientKeyPassword = "client_key_password"
        case vehicles, pid
    }

    package static func load(_ directory: URL) throws -> SandboxEndpoints {
        try JSONDecoder().decode(SandboxEndpoints.self, from: Data(contentsOf: directory.appendingPathComponent("sandbox.json")))
    }
}
