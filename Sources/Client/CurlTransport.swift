internal import CCurl
import Foundation

/// Sends HTTP requests through one libcurl easy handle, which keeps connections and TLS sessions alive between
/// requests (a mutual-TLS handshake costs ~20× a request on a warm connection).
///
/// Not thread-safe: one transfer at a time, from one thread. Give each concurrent worker its own transport.
/// This and `Sources/CCurl` are the only places that know libcurl exists.
package final class CurlTransport {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    package var tls: TLSOptions
    package var timeoutMilliseconds = 30_000
    package var connectTimeoutMilliseconds = 10_000

    /// libcurl's process-wide setup, done once before the first handle.
    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    package init(tls: TLSOptions = TLSOptions()) throws(ClientError) {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else {
            throw ClientError(code: .transport, request: "init", message: "libcurl could not create a handle", hint: nil, curlCode: -1)
        }
        self.handle = handle
        self.tls = tls
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Performs one request and returns the response, whatever its status.
    package func perform(_ request: HTTPRequestData) throws(ClientError) -> HTTPResponseData {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        let collector = ResponseCollector()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        ccsh_curl_set_string(handle, CURLOPT_URL, request.url)
        ccsh_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        ccsh_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        ccsh_curl_set_long(handle, CURLOPT_TIMEOUT_MS, timeoutMilliseconds)
        ccsh_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMilliseconds)
        apply(tls)
        switch request.method {
        case "GET": ccsh_curl_set_long(handle, CURLOPT_HTTPGET, 1)
        case "POST": ccsh_curl_set_long(handle, CURLOPT_POST, 1)
        case "HEAD": ccsh_curl_set_long(handle, CURLOPT_NOBODY, 1)
        default: ccsh_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            ccsh_curl_set_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            _ = body.withUnsafeBytes {
                ccsh_curl_set_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)))
            }
        }
        for (name, value) in request.headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        // libcurl would add "Expect: 100-continue" to large bodies; the API does not need the extra round trip.
        headerList = curl_slist_append(headerList, "Expect:")
        ccsh_curl_set_slist(handle, CURLOPT_HTTPHEADER, headerList)

        let context = Unmanaged.passUnretained(collector).toOpaque()
        ccsh_curl_set_data_fn(handle, CURLOPT_WRITEFUNCTION) { pointer, size, count, context in
            guard let context else { return 0 }
            let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
            if let pointer { collector.body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: size * count)) }
            return size * count
        }
        ccsh_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        ccsh_curl_set_data_fn(handle, CURLOPT_HEADERFUNCTION) { pointer, size, count, context in
            guard let context else { return 0 }
            let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
            collector.headerLine(String(decoding: UnsafeRawBufferPointer(start: pointer, count: size * count), as: UTF8.self))
            return size * count
        }
        ccsh_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)

        let code = withExtendedLifetime(collector) { curl_easy_perform(handle) }
        guard code == CURLE_OK else { throw error(code, request: request) }
        var status = 0
        var connects = 0
        ccsh_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        ccsh_curl_get_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        return HTTPResponseData(status: status, headers: collector.headers, body: collector.body, newConnections: connects)
    }

    /// The one place TLS options reach libcurl.
    private func apply(_ tls: TLSOptions) {
        if let ca = tls.caFile { ccsh_curl_set_string(handle, CURLOPT_CAINFO, ca) }
        if let certificate = tls.certificateFile { ccsh_curl_set_string(handle, CURLOPT_SSLCERT, certificate) }
        if let key = tls.keyFile { ccsh_curl_set_string(handle, CURLOPT_SSLKEY, key) }
        if tls.certificateFile != nil || tls.keyFile != nil {
            // Always set: without it OpenSSL prompts "Enter PEM pass phrase:" on the terminal for encrypted keys.
            ccsh_curl_set_string(handle, CURLOPT_KEYPASSWD, tls.keyPassword ?? "")
        }
    }

    /// Turns a libcurl failure into a ``ClientError`` with a hint; the only place CURLcodes are read.
    private func error(_ code: CURLcode, request: HTTPRequestData) -> ClientError {
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let number = Int(code.rawValue)
        let (kind, hint): (ClientError.Code, String?) =
            switch number {
            case 6, 7: (.transport, "is the server running and the URL right?")
            case 18: (.transport, "the connection closed mid-response; the data received is incomplete")
            case 28: (.timeout, "the server did not answer in time")
            case 42: (.aborted, nil)
            case 52: (.transport, "the server closed the connection without answering")
            case let n
            where [35, 55, 56].contains(n)
                && (detail.contains("certificate required") || detail.contains("handshake failure") || detail.contains("getpeername")):
                (.certificate, "the server requires a client certificate: set the certificate and key")
            case 56 where detail.contains("unknown ca"): (.certificate, "the server does not trust this client certificate (signed by another CA?)")
            case 58: (.certificate, "check the client certificate, the key and the key password")
            case 60, 77: (.certificate, "the server certificate is not trusted: use the CA file the server's certificates were issued by")
            default: (.transport, nil)
            }
        return ClientError(code: kind, request: request.redactedDescription, message: detail, hint: hint, curlCode: number)
    }
}

@available(*, unavailable, message: "CurlTransport is not thread-safe; give each thread its own")
extension CurlTransport: Sendable {}

/// Collects one transfer's header lines and body; reached from libcurl's callbacks through an unmanaged pointer.
private final class ResponseCollector {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []

    func headerLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers.removeAll()  // a new response block (after a 100 Continue or a redirect)
        } else if let colon = line.firstIndex(of: ":") {
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            headers.append((String(line[..<colon]), value))
        }
    }
}
