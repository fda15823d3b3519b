internal import CCurl
import Foundation

/// Sends HTTP requests through one libcurl easy handle driven by its own multi handle. Connections and TLS
/// sessions stay alive between requests (a mutual-TLS handshake costs ~20× a request on a warm connection); when
/// several transports run in parallel, a ``CurlShare`` lets them share connections, TLS sessions and DNS.
///
/// The multi interface is used, rather than `curl_easy_perform`, so that a ``Cancellation`` is noticed within
/// ~20 ms even while curl waits for a slow server.
///
/// Not thread-safe: one transfer at a time, from one thread. Give each concurrent worker its own transport.
/// This file and `Sources/CCurl` are the only places that know libcurl exists.
package final class CurlTransport {
    private let easy: UnsafeMutableRawPointer
    private let multi: UnsafeMutableRawPointer
    private let share: CurlShare?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    package var tls: TLSOptions
    /// The whole transfer, connection included.
    package var timeoutMilliseconds = 30_000
    /// A response body larger than this is refused (the API's largest pages are a few hundred kB): reading on would
    /// only fill memory with what is not the API.
    package var maxResponseBytes = 32 << 20
    package var connectTimeoutMilliseconds = 10_000
    package var cancellation: Cancellation?

    /// The libcurl and TLS library this process runs with (`7.88.1`, `OpenSSL/3.0.19`).
    package static var libraryVersions: (curl: String, ssl: String) {
        guard let info = ccsh_curl_version_info() else { return ("unknown", "unknown") }
        return (info.pointee.version.map { String(cString: $0) } ?? "unknown", info.pointee.ssl_version.map { String(cString: $0) } ?? "none")
    }

    /// Idle connections kept for reuse: enough for the widest fan-out (`set concurrency` allows 64), the main
    /// session and read-aheads.
    static let pooledConnections = 80

    /// libcurl's process-wide setup, done once before the first handle.
    static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    package init(tls: TLSOptions = TLSOptions(), share: CurlShare? = nil, cancellation: Cancellation? = nil) throws(ClientError) {
        _ = Self.globalInit
        guard let easy = curl_easy_init(), let multi = curl_multi_init() else {
            throw ClientError(code: .transport, request: "init", message: "libcurl could not create a handle")
        }
        self.easy = easy
        self.multi = multi
        // The pool is shared (``CurlShare``), but its size is each multi handle's: by default 4 per handle, so a
        // fan-out of 8 closed half its connections after every round and paid their handshakes again.
        ccsh_curl_multi_set_long(multi, CURLMOPT_MAXCONNECTS, Self.pooledConnections)
        self.share = share
        self.tls = tls
        self.cancellation = cancellation
    }

    deinit {
        curl_multi_cleanup(multi)
        curl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }

    /// Performs one request and returns the response, whatever its status.
    package func perform(_ request: HTTPRequestData) throws(ClientError) -> HTTPResponseData {
        curl_easy_reset(easy)
        errorBuffer[0] = 0
        let collector = ResponseCollector(limit: maxResponseBytes)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        ccsh_curl_set_string(easy, CURLOPT_URL, request.url)
        ccsh_curl_set_long(easy, CURLOPT_NOSIGNAL, 1)
        ccsh_curl_set_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        ccsh_curl_set_long(easy, CURLOPT_TIMEOUT_MS, timeoutMilliseconds)
        ccsh_curl_set_long(easy, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMilliseconds)
        // A Content-Length above the limit fails before the body is read; a body without one is cut at the limit.
        ccsh_curl_set_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxResponseBytes))
        if let share { ccsh_curl_set_share(easy, share.handle) }
        apply(tls)
        switch request.method {
        case "GET": ccsh_curl_set_long(easy, CURLOPT_HTTPGET, 1)
        case "POST": ccsh_curl_set_long(easy, CURLOPT_POST, 1)
        case "HEAD": ccsh_curl_set_long(easy, CURLOPT_NOBODY, 1)
        default: ccsh_curl_set_string(easy, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            ccsh_curl_set_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            _ = body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies, so the Swift buffer need not outlive this call.
                ccsh_curl_set_pointer(
                    easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)))
            }
        }
        for (name, value) in request.headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        // libcurl would add "Expect: 100-continue" to large bodies; the API does not need the extra round trip.
        headerList = curl_slist_append(headerList, "Expect:")
        ccsh_curl_set_slist(easy, CURLOPT_HTTPHEADER, headerList)

        let context = Unmanaged.passUnretained(collector).toOpaque()
        ccsh_curl_set_data_fn(easy, CURLOPT_WRITEFUNCTION) { pointer, size, count, context in
            guard let context else { return 0 }
            let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
            guard collector.body.count + size * count <= collector.limit else { return 0 }  // CURLE_WRITE_ERROR
            if let pointer { collector.body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: size * count)) }
            return size * count
        }
        ccsh_curl_set_pointer(easy, CURLOPT_WRITEDATA, context)
        ccsh_curl_set_data_fn(easy, CURLOPT_HEADERFUNCTION) { pointer, size, count, context in
            guard let context else { return 0 }
            let collector = Unmanaged<ResponseCollector>.fromOpaque(context).takeUnretainedValue()
            collector.headerLine(String(decoding: UnsafeRawBufferPointer(start: pointer, count: size * count), as: UTF8.self))
            return size * count
        }
        ccsh_curl_set_pointer(easy, CURLOPT_HEADERDATA, context)

        let started = Date()
        let code = try withExtendedLifetime(collector) { () throws(ClientError) in try run(request) }
        guard code == CURLE_OK else { throw error(code, request: request) }
        var status = 0
        var connects = 0
        ccsh_curl_get_long(easy, CURLINFO_RESPONSE_CODE, &status)
        ccsh_curl_get_long(easy, CURLINFO_NUM_CONNECTS, &connects)
        return HTTPResponseData(
            status: status, headers: collector.headers, body: collector.body, newConnections: connects,
            seconds: Date().timeIntervalSince(started))
    }

    /// Drives the transfer through the multi handle, checking for cancellation between waits.
    private func run(_ request: HTTPRequestData) throws(ClientError) -> CURLcode {
        curl_multi_add_handle(multi, easy)
        defer { curl_multi_remove_handle(multi, easy) }
        var running: Int32 = 1
        while true {
            let status = curl_multi_perform(multi, &running)
            guard status == CURLM_OK else {
                throw ClientError(code: .transport, request: request.redactedDescription, message: String(cString: curl_multi_strerror(status)))
            }
            if running == 0 { break }
            if cancellation?.isCancelled == true {
                let unsure = sentBytes > 0 && request.method != "GET"
                throw ClientError(
                    code: .cancelled, request: request.redactedDescription, message: "cancelled",
                    hint: unsure ? "the request had been sent: it may have taken effect; look before running it again" : nil,
                    requestSent: sentBytes > 0)
            }
            curl_multi_poll(multi, nil, 0, 20, nil)
        }
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            if ccsh_curl_message_is_done(message) != 0 { return ccsh_curl_message_result(message) }
        }
        return CURLE_OK
    }

    /// Bytes of request headers sent so far (0: the server has seen nothing of this request).
    private var sentBytes: Int {
        var size = 0
        ccsh_curl_get_long(easy, CURLINFO_REQUEST_SIZE, &size)
        return size
    }

    /// The one place TLS options reach libcurl.
    private func apply(_ tls: TLSOptions) {
        if let ca = tls.caFile { ccsh_curl_set_string(easy, CURLOPT_CAINFO, ca) }
        if let certificate = tls.certificateFile {
            ccsh_curl_set_string(easy, CURLOPT_SSLCERT, certificate)
            ccsh_curl_set_string(easy, CURLOPT_SSLCERTTYPE, tls.isPKCS12 ? "P12" : "PEM")
        }
        if let key = tls.keyFile { ccsh_curl_set_string(easy, CURLOPT_SSLKEY, key) }
        if tls.certificateFile != nil || tls.keyFile != nil {
            // Always set: without it OpenSSL prompts "Enter PEM pass phrase:" on the terminal for encrypted keys.
            ccsh_curl_set_string(easy, CURLOPT_KEYPASSWD, tls.keyPassword ?? "")
        }
        if tls.insecure {
            ccsh_curl_set_long(easy, CURLOPT_SSL_VERIFYPEER, 0)
            ccsh_curl_set_long(easy, CURLOPT_SSL_VERIFYHOST, 0)
        }
    }

    /// Turns a libcurl failure into a ``ClientError`` with a hint; the only place CURLcodes are read.
    private func error(_ code: CURLcode, request: HTTPRequestData) -> ClientError {
        let number = Int(code.rawValue)
        let detail =
            [23, 63].contains(number)
            ? "the response is larger than \(maxResponseBytes >> 20) MiB; ccsh stopped reading it"
            : errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let (kind, hint): (ClientError.Code, String?) =
            switch number {
            case 6: (.transport, "check the host name in the URL")
            case 7: (.transport, "is the server running, and the URL's port right?")
            case 18: (.transport, "the connection closed mid-response; the data received is incomplete")
            case 28: (.timeout, "the server did not answer in time")
            case 52: (.transport, "the server closed the connection without answering")
            case let n where [35, 56].contains(n) && detail.contains("certificate expired"):
                (.certificate, "the server refused the client certificate: it has expired; get a new one and point cert at it")
            case let n
            where [35, 55, 56].contains(n)
                && (detail.contains("certificate required") || detail.contains("handshake failure") || detail.contains("getpeername")):
                (.certificate, "the server requires a client certificate: set cert and key in the profile")
            case 56 where detail.contains("unknown ca"): (.certificate, "the server does not trust this client certificate (signed by another CA?)")
            case 35 where detail.contains("wrong version number"):
                (.transport, "the server does not speak TLS on this port: check https:// and the port")
            case 56 where detail.contains("reset by peer"): (.transport, "the connection was reset; is this port serving TLS?")
            case 58: (.certificate, Self.keyHint(detail))
            case 23, 63:
                (.decoding, "the API never sends this much: is api_base right? (a body is read up to \(maxResponseBytes >> 20) MiB)")
            case 60: (.certificate, "the server certificate is not trusted: set cacert to the CA that issued it")
            case 77: (.certificate, "the CA file cannot be read: check the cacert path")
            default: (.transport, nil)
            }
        return ClientError(
            code: kind, request: request.redactedDescription, message: detail, hint: hint, curlCode: number, requestSent: sentBytes > 0)
    }

    private static func keyHint(_ detail: String) -> String {
        if detail.contains("No such file") || detail.contains("could not load") { return "the certificate file cannot be read: check the cert path" }
        if detail.contains("PKCS12") { return "the PKCS#12 file or its password is wrong: check key_password" }
        return "the key does not open: check the key path and key_password, and that key and cert belong together"
    }
}

@available(*, unavailable, message: "CurlTransport is not thread-safe; give each thread its own")
extension CurlTransport: Sendable {}

/// Connections, TLS sessions and DNS shared by several ``CurlTransport``s on different threads (curl_share with
/// one lock per kind of shared data).
package final class CurlShare: @unchecked Sendable {
    // @unchecked: libcurl serialises access to the shared data through the lock callbacks below.
    fileprivate let handle: UnsafeMutableRawPointer
    private let locks: UnsafeMutablePointer<pthread_mutex_t>
    private static let lockCount = Int(CURL_LOCK_DATA_LAST.rawValue) + 1

    package init() throws(ClientError) {
        _ = CurlTransport.globalInit
        guard let handle = curl_share_init() else {
            throw ClientError(code: .transport, request: "init", message: "libcurl could not create a share handle")
        }
        self.handle = handle
        locks = .allocate(capacity: Self.lockCount)
        for i in 0..<Self.lockCount { pthread_mutex_init(locks + i, nil) }
        ccsh_curl_share_set_pointer(handle, CURLSHOPT_USERDATA, UnsafeMutableRawPointer(locks))
        ccsh_curl_share_set_lock(handle) { _, data, _, user in
            guard let user else { return }
            pthread_mutex_lock(user.assumingMemoryBound(to: pthread_mutex_t.self) + Int(data.rawValue))
        }
        ccsh_curl_share_set_unlock(handle) { _, data, user in
            guard let user else { return }
            pthread_mutex_unlock(user.assumingMemoryBound(to: pthread_mutex_t.self) + Int(data.rawValue))
        }
        for data in [CURL_LOCK_DATA_CONNECT, CURL_LOCK_DATA_SSL_SESSION, CURL_LOCK_DATA_DNS] {
            ccsh_curl_share_set_long(handle, CURLSHOPT_SHARE, Int(data.rawValue))
        }
    }

    deinit {
        curl_share_cleanup(handle)
        for i in 0..<Self.lockCount { pthread_mutex_destroy(locks + i) }
        locks.deallocate()
    }
}

/// Collects one transfer's header lines and body; reached from libcurl's callbacks through an unmanaged pointer.
private final class ResponseCollector {
    /// The most body bytes taken.
    let limit: Int
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []

    init(limit: Int) { self.limit = limit }

    func headerLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers.removeAll()  // a new response block (after a 100 Continue or a redirect)
        } else if let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) {
            // Trimmed by hand: Foundation's `trimmingCharacters` was most of the cost of reading a response.
            let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
            var value = line.utf8[line.utf8.index(after: colon)...]
            while let first = value.first, isSpace(first) { value = value.dropFirst() }
            while let last = value.last, isSpace(last) { value = value.dropLast() }
            headers.append((String(line[..<colon]), String(decoding: value, as: UTF8.self)))
        }
    }
}
