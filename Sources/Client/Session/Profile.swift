import APIContract
import Foundation

/// Everything ccsh needs to talk to one account: where (API and IDP base URLs, realm), who (client id and
/// secret) and how to prove it (TLS options). Built from a config file profile or from a sandbox description.
package struct Profile: Sendable {
    package var name: String
    package var brand: Brand
    /// The `x-introspect-realm` value and the IDP realm.
    package var realm: String
    /// `https://api-cert.groupe-psa.com/connectedcar/v4`.
    package var apiBase: String
    /// `https://idpcvs.peugeot.com/am/oauth2`.
    package var idpBase: String
    package var clientID: String
    package var clientSecret: Secret
    /// Certificate, key and CA paths; the key password is resolved separately (see ``keyPassword``).
    package var tls: TLSOptions
    package var keyPassword: Secret?
    package var locale: String?
    package var redirectURI: String
    /// Which API the account speaks (`api_version`): the paths and bodies of monitors, and whether callbacks,
    /// remote actions and alarms exist.
    package var apiVersion: APIVersion
    /// The callback remote actions report to (`remote_callback`), when the user named one.
    package var remoteCallback: String?
    /// The history database `record` keeps (`db`), when not the default `$XDG_DATA_HOME/ccsh/NAME.sqlite`.
    package var database: String?

    package static let defaultAPIBase = "https://api-cert.groupe-psa.com/connectedcar/v4"

    package init(
        name: String, brand: Brand, realm: String? = nil, apiBase: String? = nil, idpBase: String? = nil, clientID: String,
        clientSecret: Secret, tls: TLSOptions = TLSOptions(), keyPassword: Secret? = nil, locale: String? = nil, redirectURI: String? = nil,
        apiVersion: APIVersion = .v40, remoteCallback: String? = nil, database: String? = nil
    ) {
        self.name = name
        self.brand = brand
        self.realm = realm ?? brand.realm
        self.apiBase = apiBase ?? Self.defaultAPIBase
        self.idpBase = idpBase ?? brand.idpBase
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tls = tls
        self.keyPassword = keyPassword
        self.locale = locale
        self.redirectURI = redirectURI ?? brand.defaultRedirectURI
        self.apiVersion = apiVersion
        self.remoteCallback = remoteCallback
        self.database = database
    }

    var tokenURL: String { idpBase + "/access_token" }
    var authorizeURL: String { idpBase + "/authorize" }
    var revokeURL: String { idpBase + "/token/revoke" }
}
