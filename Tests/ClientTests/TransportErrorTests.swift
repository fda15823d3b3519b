import Client
import Foundation
import TestSupport
import Testing

/// Transport failures, each a specific error with a hint; cancellation; no crash, and the handle stays usable.
@Suite(.sandbox())
struct TransportErrorTests {
    func request(_ sandbox: SandboxProcess) -> HTTPRequestData { HTTPRequestData(method: "GET", url: sandbox.endpoints.baseURL + "/user") }

    @Test("wrong key password")
    func wrongPassword() throws {
        let sandbox = try suiteSandbox()
        let e = sandbox.endpoints
        let transport = try CurlTransport(
            tls: TLSOptions(caFile: e.caCert, certificateFile: e.clientCert, keyFile: e.clientKeyEncrypted, keyPassword: "wrong-pass"))
        let error = #expect(throws: ClientError.self) { try transport.perform(request(sandbox)) }
        #expect(error?.code == .certificate)
        #expect(error?.hint?.contains("key_password") == true)
        #expect(error?.description.contains("wrong-pass") == false)
    }

    @Test("missing certificate file")
    func missingCertificate() throws {
        let sandbox = try suiteSandbox()
        let e = sandbox.endpoints
        let transport = try CurlTransport(tls: TLSOptions(caFile: e.caCert, certificateFile: "/nonexistent/client.crt", keyFile: e.clientKey))
        let error = #expect(throws: ClientError.self) { try transport.perform(request(sandbox)) }
        #expect(error?.curlCode == 58)
        #expect(error?.hint?.contains("cert") == true)
    }

    @Test("missing key file, unreadable CA file: each named, with the setting to fix")
    func missingKeyAndCA() throws {
        let sandbox = try suiteSandbox()
        let e = sandbox.endpoints
        let noKey = try CurlTransport(tls: TLSOptions(caFile: e.caCert, certificateFile: e.clientCert, keyFile: "/nonexistent/client.key"))
        let keyError = #expect(throws: ClientError.self) { try noKey.perform(request(sandbox)) }
        #expect(keyError?.code == .certificate)
        #expect(keyError?.hint?.contains("check the key path") == true, "\(keyError?.hint ?? "")")
        let noCA = try CurlTransport(tls: TLSOptions(caFile: "/nonexistent/ca.crt", certificateFile: e.clientCert, keyFile: e.clientKey))
        let caError = #expect(throws: ClientError.self) { try noCA.perform(request(sandbox)) }
        #expect(caError?.code == .certificate)
        #expect(caError?.hint == "the CA file cannot be read: check the cacert path", "\(caError?.description ?? "")")
    }

    @Test("expired client certificate: the server's alert, named, with what to do")
    func expiredCertificate() throws {
        let sandbox = try suiteSandbox()
        let e = sandbox.endpoints
        let transport = try CurlTransport(tls: TLSOptions(caFile: e.caCert, certificateFile: e.clientCertExpired, keyFile: e.clientKey))
        let error = #expect(throws: ClientError.self) { try transport.perform(request(sandbox)) }
        #expect(error?.code == .certificate)
        #expect(error?.message.contains("certificate expired") == true, "\(error?.message ?? "")")
        #expect(error?.hint == "the server refused the client certificate: it has expired; get a new one and point cert at it")
    }

    @Test("untrusted server (system CAs only)")
    func untrustedServer() throws {
        let sandbox = try suiteSandbox()
        let transport = try CurlTransport(tls: TLSOptions(certificateFile: sandbox.endpoints.clientCert, keyFile: sandbox.endpoints.clientKey))
        let error = #expect(throws: ClientError.self) { try transport.perform(request(sandbox)) }
        #expect(error?.curlCode == 60)
        #expect(error?.hint?.contains("cacert") == true)
    }

    @Test("connection refused")
    func refused() throws {
        let transport = try CurlTransport()
        let error = #expect(throws: ClientError.self) { try transport.perform(HTTPRequestData(method: "GET", url: "https://127.0.0.1:9/x")) }
        #expect(error?.curlCode == 7)
        #expect(error?.requestSent == false)
        #expect(error?.hint?.contains("running") == true)
    }

    @Test("timeout")
    func timeout() throws {
        let slow = try SandboxProcess.start(["--latency-ms", "3000"])
        defer { slow.stop() }
        let transport = try CurlTransport(tls: slow.tls)
        transport.timeoutMilliseconds = 500
        let error = #expect(throws: ClientError.self) { try transport.perform(request(slow)) }
        #expect(error?.code == .timeout)
        #expect(error?.curlCode == 28)
    }

    @Test("cancel during a slow request: back within 100 ms, a GET changed nothing and the handle works on; a POST sent may have taken effect")
    func cancel() throws {
        let slow = try SandboxProcess.start(["--latency-ms", "5000"])
        defer { slow.stop() }
        let cancellation = Cancellation()
        let transport = try CurlTransport(tls: slow.tls, cancellation: cancellation)
        /// Performs `request`, cancelled half a second in: its error, and how long after the cancel it came.
        func cancelledHalfASecondIn(_ request: HTTPRequestData) throws -> (ClientError?, TimeInterval) {
            cancellation.reset()
            let cancelledAt = LockedDate()
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 0.5)
                cancelledAt.set(Date())
                cancellation.cancel()
            }
            let error = #expect(throws: ClientError.self) { try transport.perform(request) }
            return (error, Date().timeIntervalSince(try #require(cancelledAt.get())))
        }

        let (get, delay) = try cancelledHalfASecondIn(request(slow))
        #expect(get?.code == .cancelled)
        #expect(delay <= 0.1, "returned \(Int(delay * 1000)) ms after the cancel")
        #expect(get?.hint == nil, "a cancelled GET changed nothing")

        let (post, _) = try cancelledHalfASecondIn(
            HTTPRequestData(method: "POST", url: slow.endpoints.baseURL + "/user/vehicles/x/monitors", body: Array("{}".utf8)))
        #expect(post?.code == .cancelled)
        #expect(post?.requestSent == true)
        #expect(post?.hint?.contains("may have taken effect") == true, "\(String(describing: post))")

        cancellation.reset()
        #expect(try transport.perform(request(slow)).status == 401)
    }
}

/// A Date set on one thread and read on another.
final class LockedDate: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date?
    func set(_ date: Date) { lock.withLock { value = date } }
    func get() -> Date? { lock.withLock { value } }
}
