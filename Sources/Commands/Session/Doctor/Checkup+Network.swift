import Client
import Foundation
import Shell

extension Checkup {
    /// The checks that talk to the servers: the API host resolves, a request without a token passes TLS with the
    /// client certificate (the gateway's 401 proves it), the IDP answers, and the clock agrees with the server's.
    struct Network {
        let profile: Profile
        let tls: TLSOptions
        let now: Date

        /// The findings; with `reason`, the TLS check and those after it are skipped (a local check failed first).
        func findings(skippingTLSBecause reason: String?) -> [Finding] {
            guard let api = URL(string: profile.apiBase), let host = api.host else {
                return [.fail("API host", "api_base \(profile.apiBase) has no host", hint: "api_base is https://HOST/connectedcar/v4")]
            }
            let resolved = Self.resolve(host)
            var findings: [Finding] = [
                resolved.map { Finding.ok("API host", host == $0 ? host : "\(host) is \($0)") }
                    ?? Finding.fail("API host", "\(host) does not resolve", hint: "check api_base's host name, and this machine's DNS and network")
            ]
            guard resolved != nil, reason == nil else {
                let why = reason ?? "the host does not resolve"
                return findings + ["TLS and certificate", "IDP", "clock"].map { Finding.skip($0, because: why) }
            }
            // One transport for both probes: when the IDP is the API's server, its request reuses the connection.
            let transport: CurlTransport
            do { transport = try Self.transport(tls) } catch {
                return findings + [.fail("TLS and certificate", error.message, hint: error.hint)]
            }
            let probe = probeAPI(transport)
            findings.append(probe.finding)
            let sameServer = URL(string: profile.idpBase).map { "\($0.host ?? ""):\($0.port ?? 443)" } == "\(host):\(api.port ?? 443)"
            if probe.response == nil && sameServer {
                findings.append(.skip("IDP", because: "it is the API's server, which did not answer"))
            } else {
                findings.append(probeIDP(transport))
            }
            findings.append(clock(probe.response?.header("Date")))
            return findings
        }

        /// `GET /user` with the client certificate and no token: the gateway's 401 shows TLS and the certificate passed.
        private func probeAPI(_ transport: CurlTransport) -> (finding: Finding, response: HTTPResponseData?) {
            let check = "TLS and certificate"
            do {
                let response = try transport.perform(
                    HTTPRequestData(
                        method: "GET", url: "\(profile.apiBase)/user?client_id=\(URLEncoding.encode(profile.clientID))",
                        headers: [("Accept", "application/hal+json"), ("x-introspect-realm", profile.realm)]))
                switch response.status {
                case 401:
                    let with = tls.certificateFile == nil ? "handshake done" : "handshake and client certificate accepted"
                    return (.ok(check, "\(with): 401 to a request without a token, as it should be"), response)
                case 404:
                    return (
                        .fail(
                            check, "the server answered 404 for \(URL(string: profile.apiBase)?.path ?? "")/user",
                            hint: "api_base ends in /connectedcar/v4"),
                        response
                    )
                default:
                    return (.warn(check, "the server answered \(response.status) to a request without a token (the API answers 401)"), response)
                }
            } catch {
                let error = ClientError.wrapping(error)
                return (.fail(check, error.message, hint: error.hint), nil)
            }
        }

        /// The IDP's authorize endpoint, asked with no parameters: any answer but a 404 shows it is there.
        private func probeIDP(_ transport: CurlTransport) -> Finding {
            do {
                let response = try transport.perform(HTTPRequestData(method: "GET", url: profile.idpBase + "/authorize"))
                if response.status == 404 {
                    return .fail(
                        "IDP", "no authorize endpoint at \(profile.idpBase)",
                        hint: "idp_base is https://idpcvs.BRAND-DOMAIN/am/oauth2, or leave it out")
                }
                return .ok(
                    "IDP", "\(URL(string: profile.idpBase)?.host ?? profile.idpBase) answered (\(response.status) to an empty authorize request)")
            } catch {
                let error = ClientError.wrapping(error)
                return .fail("IDP", error.message, hint: error.hint)
            }
        }

        /// This machine's clock against the server's `Date`.
        private func clock(_ date: String?) -> Finding {
            guard let date, let server = Self.httpDate(date) else { return .skip("clock", because: "the server sent no Date") }
            let skew = now.timeIntervalSince(server)
            guard abs(skew) > Checkup.clockTolerance else { return .ok("clock", "within \(Int(abs(skew).rounded())) s of the server's") }
            return .fail(
                "clock", "this machine's clock is \(Units.duration(seconds: Int(abs(skew)))) \(skew > 0 ? "ahead of" : "behind") the server's",
                hint: "set it right (timedatectl set-ntp true): token expiry is computed from it")
        }

        private static func transport(_ tls: TLSOptions) throws(ClientError) -> CurlTransport {
            let transport = try CurlTransport(tls: tls)
            transport.timeoutMilliseconds = 15_000
            transport.connectTimeoutMilliseconds = 5_000
            return transport
        }

        /// The first address of `host`, as text.
        static func resolve(_ host: String) -> String? {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
            defer { freeaddrinfo(list) }
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(first.pointee.ai_addr, first.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else {
                return host
            }
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        /// An RFC 9110 date (`Fri, 04 Dec 2026 07:30:05 GMT`).
        static func httpDate(_ text: String) -> Date? {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            return formatter.date(from: text)
        }
    }

    /// The stored tokens: present, for this realm, the access token's expiry, the refresh token, the last refresh.
    func tokens(_ profile: Profile) -> Finding {
        let store = TokenStore(directory: book.tokenDirectory, profile: profile.name)
        let stored: Tokens?
        do { stored = try store.read() } catch { return .fail("tokens", error.message, hint: error.hint ?? "run `login` again") }
        guard let tokens = stored else { return .warn("tokens", "none stored: not logged in", hint: "run `login`") }
        if tokens.realm != profile.realm {
            return .fail("tokens", "issued in realm \(tokens.realm), and the profile's is \(profile.realm)", hint: "run `login` again")
        }
        let left = Int(tokens.expiresAt - now.timeIntervalSince1970)
        let access =
            left > 0 ? "access token valid \(Units.duration(seconds: left)) more" : "access token expired \(Units.duration(seconds: -left)) ago"
        let written = (try? FileManager.default.attributesOfItem(atPath: store.file.path)[.modificationDate] as? Date).map {
            ", last refreshed \(Units.duration(seconds: Int(now.timeIntervalSince($0)))) ago"
        }
        guard tokens.refreshToken != nil else {
            if left > 0 { return .warn("tokens", "\(access), no refresh token", hint: "run `login` again before it expires") }
            return .fail("tokens", "\(access), and there is no refresh token to renew it", hint: "run `login`")
        }
        return .ok("tokens", "\(access)\(left > 0 ? "" : " (renewed at the next request)"), refresh token stored\(written ?? "")")
    }
}
