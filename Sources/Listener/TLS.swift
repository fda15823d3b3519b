import COpenSSL
import Foundation
import SafeFile

/// `listen --tls`: TLS from the system's OpenSSL (the one libcurl loads already; no second TLS stack is built) —
/// a server context from PEM files, a self-signed certificate for this machine, and non-blocking TLS on an
/// accepted socket. The only file that imports `COpenSSL`.
final class TLSContext: @unchecked Sendable {
    private let context: OpaquePointer

    /// A server context with `certificate` (a PEM chain) and `key` (PEM).
    init(certificate: String, key: String) throws {
        var error = [CChar](repeating: 0, count: 256)
        guard let context = ccsh_tls_server_context(certificate, key, &error, error.count) else {
            throw Socket.Failure(description: "cannot use \(certificate) and \(key): \(Self.text(error))")
        }
        self.context = context
    }

    deinit { ccsh_tls_context_free(context) }

    /// Writes a new key (mode 0600) and a self-signed certificate for localhost, 127.0.0.1 and ::1, valid a year.
    static func makeCertificate(certificate: String, key: String) throws {
        var error = [CChar](repeating: 0, count: 256)
        var certificateText = [CChar](repeating: 0, count: 8192)
        var keyText = [CChar](repeating: 0, count: 8192)
        guard ccsh_tls_make_certificate(&certificateText, certificateText.count, &keyText, keyText.count, &error, error.count) == 1 else {
            throw Socket.Failure(description: "cannot make a certificate: \(Self.text(error))")
        }
        do {
            try SafeFile.write(Array(Self.text(keyText).utf8), to: key, mode: 0o600)
            try SafeFile.write(Array(Self.text(certificateText).utf8), to: certificate, mode: 0o600)
        } catch {
            throw Socket.Failure(description: "cannot make a certificate: \(error)")
        }
    }

    /// A C string from a buffer.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// TLS over one accepted, non-blocking socket.
    func stream(on fd: Int32) -> TLSStream? { ccsh_tls_new(context, fd).map(TLSStream.init) }
}

/// One connection's TLS: the handshake, then reads and writes that say "would block" as the socket does — and
/// which way the socket must be ready for the next step.
final class TLSStream {
    private let ssl: OpaquePointer
    private(set) var isEstablished = false
    /// The last call needs the socket writable (not readable) before it can go on.
    private(set) var wantsWrite = false

    fileprivate init(_ ssl: OpaquePointer) { self.ssl = ssl }

    deinit { ccsh_tls_free(ssl) }

    /// Goes on with the handshake; `.bytes(0)` once it is done, `.closed` when it failed.
    func handshake() -> Socket.Transfer {
        let result = ccsh_tls_handshake(ssl)
        wantsWrite = result == -2
        if result == 1 {
            isEstablished = true
            return .bytes(0)
        }
        return result == -1 || result == -2 ? .wouldBlock : .closed
    }

    func read(into buffer: inout [UInt8]) -> Socket.Transfer {
        let count = Int32(clamping: buffer.count)
        return transfer(buffer.withUnsafeMutableBytes { ccsh_tls_read(ssl, $0.baseAddress, count) })
    }

    func write(_ bytes: ArraySlice<UInt8>) -> Socket.Transfer {
        transfer(bytes.withUnsafeBytes { ccsh_tls_write(ssl, $0.baseAddress, Int32(clamping: $0.count)) })
    }

    /// Decrypted bytes waiting inside OpenSSL (poll cannot see them).
    var hasPending: Bool { ccsh_tls_pending(ssl) > 0 }

    private func transfer(_ result: Int32) -> Socket.Transfer {
        wantsWrite = result == -2
        switch result {
        case 1...: return .bytes(Int(result))
        case -1, -2: return .wouldBlock
        default: return .closed  // 0: the peer closed; -3: it failed
        }
    }
}
