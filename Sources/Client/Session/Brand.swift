/// The five brands of the B2C API, in one place (docs/api.md §3.2, §13.3): IDP domain, realms and the mobile
/// app's OAuth redirect scheme.
package struct Brand: Sendable, Equatable {
    /// The profile spelling: `peugeot`, `citroen`, `ds`, `opel`, `vauxhall`.
    package let key: String
    package let name: String
    /// `idpcvs.<tld>` hosts the brand's IDP.
    package let tld: String
    package let realm: String
    /// The strong-authentication realm listed beside the consumer realm.
    package let otpRealm: String
    package let redirectScheme: String
    /// The country code of the default redirect URI (`mymap://oauth2redirect/fr`).
    package let defaultCountry: String

    package static let all: [Brand] = [
        Brand(
            key: "peugeot", name: "Peugeot", tld: "peugeot.com", realm: "clientsB2CPeugeot", otpRealm: "OTPPeugeot", redirectScheme: "mymap",
            defaultCountry: "fr"),
        Brand(
            key: "citroen", name: "Citroën", tld: "citroen.com", realm: "clientsB2CCitroen", otpRealm: "OTPCitroen", redirectScheme: "mymacsdk",
            defaultCountry: "fr"),
        Brand(key: "ds", name: "DS", tld: "driveds.com", realm: "clientsB2CDS", otpRealm: "OTPDS", redirectScheme: "mymdssdk", defaultCountry: "fr"),
        Brand(
            key: "opel", name: "Opel", tld: "opel.com", realm: "clientsB2COpel", otpRealm: "OTPOpel", redirectScheme: "mymopsdk", defaultCountry: "de"
        ),
        Brand(
            key: "vauxhall", name: "Vauxhall", tld: "vauxhall.co.uk", realm: "clientsB2CVauxhall", otpRealm: "OTPVauxhall",
            redirectScheme: "mymvxsdk", defaultCountry: "gb"),
    ]

    /// The brand for a profile's `brand` value (case-insensitive; `citroën` accepted).
    package static func named(_ text: String) -> Brand? {
        // Plain Swift, not Foundation's replacingOccurrences: its first use costs a one-command process 0.3 ms.
        let key = String(text.lowercased().map { $0 == "ë" ? "e" : $0 })
        return all.first { $0.key == key }
    }

    /// `https://idpcvs.peugeot.com/am/oauth2`.
    package var idpBase: String { "https://idpcvs.\(tld)/am/oauth2" }

    /// `mymap://oauth2redirect/fr`.
    package var defaultRedirectURI: String { "\(redirectScheme)://oauth2redirect/\(defaultCountry)" }
}
