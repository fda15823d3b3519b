import Client
import Foundation
import Listener
import SafeFile
import Shell

/// The flags that set up a webhook listener (`--bind`, `--secret`, `--tls`, `--cert`, `--key`) and starting one
/// from them: for `listen`, and for `record --listen`, which keeps what it receives.
struct ListenerSetup {
    let api: APIContext

    /// `signature` with the listener's flags.
    static func flags(on signature: Signature) -> Signature {
        signature
            .flag("bind", .string, "The address (default 127.0.0.1; 0.0.0.0 for every interface — put HTTPS in front).")
            .flag(
                "secret", .string,
                "Refuse (401) a post without this value in its X-Ccsh-Secret header; env:NAME or file:PATH read it from there."
            )
            .switch("tls", "Serve HTTPS, with a certificate ccsh makes for this machine (or --cert and --key).")
            .flag("cert", .file, "With --tls: the certificate chain (PEM).")
            .flag("key", .file, "With --tls: its private key (PEM).")
    }

    /// The port of `flag`, checked (0 to 65535); nil when it is not given.
    static func port(_ call: Call, flag: String) throws -> UInt16? {
        guard let value = call.value(flag) else { return nil }
        guard case .int(let number) = value, (0...65535).contains(number) else {
            throw call.error("--\(flag) must be a port, 0 to 65535, got \(value.text)", argument: flag, code: .badArgument)
        }
        return UInt16(number)
    }

    /// A listener on `port`, set up by the call's flags.
    func start(_ call: Call, port: UInt16) throws -> WebhookListener {
        var configuration = WebhookListener.Configuration()
        configuration.port = port
        if let bind = call.string("bind") { configuration.bind = bind }
        configuration.tls = try tls(call)
        if let secret = call.string("secret") {
            let value = try Secret(secret).resolve(named: "--secret")
            guard value.count >= 16 else {
                var error = call.error(
                    "--secret must be at least 16 characters", hint: "make one with `openssl rand -hex 16`", argument: "secret", code: .badArgument)
                error.concealed = call.flagValues["secret"]?.last?.range
                throw error
            }
            configuration.secret = value
        }
        do {
            return try WebhookListener(configuration)
        } catch {
            throw call.error(
                "cannot listen on \(configuration.bind):\(port): \(error)",
                hint: port == 0 ? "choose an address this machine has" : "another program may use the port: choose another with --port, or 0 for any")
        }
    }

    /// `--tls`: `--cert` and `--key`, or the certificate ccsh made for this machine (made now if need be, in the
    /// cache directory, the key mode 0600). Nil without --tls.
    private func tls(_ call: Call) throws -> (certificate: String, key: String)? {
        let (certificate, key) = (call.string("cert"), call.string("key"))
        guard call.isSet("tls") else {
            if certificate != nil || key != nil {
                throw call.error("--cert and --key go with --tls", argument: certificate != nil ? "cert" : "key", code: .badArgument)
            }
            return nil
        }
        if let certificate, let key { return (certificate, key) }
        if certificate != nil || key != nil {
            throw call.error("--cert and --key go together", hint: "or give neither: ccsh makes a certificate", code: .badArgument)
        }
        let made = (api.cacheDirectory.appendingPathComponent("listen.crt").path, api.cacheDirectory.appendingPathComponent("listen.key").path)
        do {
            try SafeFile.makeDirectory(api.cacheDirectory.path)
            try WebhookListener.ensureCertificate(certificate: made.0, key: made.1)
        } catch {
            throw call.error("cannot make a certificate for --tls: \(error)", hint: "give one with --cert and --key")
        }
        return made
    }
}
