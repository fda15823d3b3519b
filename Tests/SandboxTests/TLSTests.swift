import Client
import Foundation
import Sandbox
import TestSupport
import Testing

/// Mutual TLS as the `api-cert` entry point enforces it (`--mtls required`, the default).
@Suite(.sandbox())
struct TLSTests {
    @Test("the sandbox certificate chain verifies and the client gets through with the plain key")
    func clientWithCertificate() throws {
        let client = try APIClient(try suiteSandbox())
        let reply = try client.api("/user")
        #expect(reply.status == 200)
        #expect(reply.json["email"]?.string == client.endpoints.username)
    }

    @Test("a client without a certificate fails the TLS handshake")
    func noClientCertificate() throws {
        let sandbox = try suiteSandbox()
        let transport = try CurlTransport(tls: TLSOptions(caFile: sandbox.endpoints.caCert))
        let error = #expect(throws: ClientError.self) {
            try transport.perform(HTTPRequestData(method: "GET", url: sandbox.endpoints.baseURL + "/user"))
        }
        #expect(error?.code == .certificate)
        #expect([35, 55, 56].contains(error?.curlCode ?? 0))
    }

    @Test("a client certificate from another CA is refused")
    func foreignCertificate() throws {
        let sandbox = try suiteSandbox()
        let foreign = FileManager.default.temporaryDirectory.appendingPathComponent("foreign-pki-\(UUID().uuidString)")
        let pki = try SandboxPKI(directory: foreign, commonName: "some other")
        let transport = try CurlTransport(
            tls: TLSOptions(caFile: sandbox.endpoints.caCert, certificateFile: pki.clientCertificate.path, keyFile: pki.clientKey.path))
        let error = #expect(throws: ClientError.self) {
            try transport.perform(HTTPRequestData(method: "GET", url: sandbox.endpoints.baseURL + "/user"))
        }
        #expect(error?.code == .certificate)
        #expect(error?.message.contains("unknown ca") == true || [35, 55].contains(error?.curlCode ?? 0))
    }

    @Test("the encrypted client key works with its password and fails clearly without it")
    func encryptedKey() throws {
        let sandbox = try suiteSandbox()
        let e = sandbox.endpoints
        let good = try APIClient(
            sandbox, tls: TLSOptions(caFile: e.caCert, certificateFile: e.clientCert, keyFile: e.clientKeyEncrypted, keyPassword: e.clientKeyPassword)
        )
        #expect(try good.api("/user").status == 200)
        let wrong = try CurlTransport(
            tls: TLSOptions(caFile: e.caCert, certificateFile: e.clientCert, keyFile: e.clientKeyEncrypted, keyPassword: "not-it"))
        let error = #expect(throws: ClientError.self) { try wrong.perform(HTTPRequestData(method: "GET", url: e.baseURL + "/user")) }
        #expect(error?.curlCode == 58)
        #expect(error?.description.contains("not-it") == false)
    }

    @Test("the server certificate names 127.0.0.1 and localhost, and only the sandbox CA vouches for it")
    func serverCertificate() throws {
        let sandbox = try suiteSandbox()
        let viaLocalhost = try CurlTransport(tls: sandbox.tls)
        let url = sandbox.endpoints.serverURL.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/connectedcar/v4/user"
        #expect(try viaLocalhost.perform(HTTPRequestData(method: "GET", url: url)).status == 401)
        let systemTrust = try CurlTransport(tls: TLSOptions(certificateFile: sandbox.endpoints.clientCert, keyFile: sandbox.endpoints.clientKey))
        let error = #expect(throws: ClientError.self) { try systemTrust.perform(HTTPRequestData(method: "GET", url: url)) }
        #expect(error?.curlCode == 60)
    }

    @Test("private keys, the key password and sandbox.json are mode 0600")
    func stateFiles() throws {
        let sandbox = try suiteSandbox()
        for name in ["client.key", "server.key", "client-enc.key", "client-enc.pass", "sandbox.json"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.directory.appendingPathComponent(name).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(name)")
        }
    }
}

/// `--mtls off` and `--mtls optional`: the public entry point, and mixed clients.
@Suite struct TLSModeTests {
    @Test("--mtls off serves clients without a certificate")
    func off() throws {
        let sandbox = try SandboxProcess.start(["--mtls", "off"])
        defer { sandbox.stop() }
        let client = try APIClient(sandbox, tls: TLSOptions(caFile: sandbox.endpoints.caCert))
        #expect(try client.api("/user").status == 200)
    }

    @Test("--mtls optional accepts no certificate but still refuses a foreign one")
    func optional() throws {
        let sandbox = try SandboxProcess.start(["--mtls", "optional"])
        defer { sandbox.stop() }
        let bare = try APIClient(sandbox, tls: TLSOptions(caFile: sandbox.endpoints.caCert))
        #expect(try bare.api("/user").status == 200)
        let foreign = try SandboxPKI(directory: FileManager.default.temporaryDirectory.appendingPathComponent("foreign-\(UUID().uuidString)"))
        let transport = try CurlTransport(
            tls: TLSOptions(caFile: sandbox.endpoints.caCert, certificateFile: foreign.clientCertificate.path, keyFile: foreign.clientKey.path))
        #expect(throws: ClientError.self) { try transport.perform(HTTPRequestData(method: "GET", url: sandbox.endpoints.baseURL + "/user")) }
    }
}
