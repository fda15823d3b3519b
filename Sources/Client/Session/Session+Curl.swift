/// `--curl`: the equivalent command line, runnable as is once `CCSH_TOKEN` (and `CCSH_KEY_PASSWORD`) are set.
/// Secrets are referenced through those variables and never written out.
extension Session {
    package func curlCommand(for request: APIRequest) -> String {
        var words = ["curl"]
        let tls = transport.tls
        if let certificate = tls.certificateFile {
            words += ["--cert", quote(certificate)]
            if tls.isPKCS12 { words += ["--cert-type", "P12"] }
        }
        if let key = tls.keyFile { words += ["--key", quote(key)] }
        if tls.keyPassword != nil { words += ["--pass", "\"$CCSH_KEY_PASSWORD\""] }
        if let ca = tls.caFile { words += ["--cacert", quote(ca)] }
        if tls.insecure { words.append("--insecure") }
        if request.method != "GET" { words += ["-X", request.method] }
        words += [
            "-H", "\"Authorization: Bearer $CCSH_TOKEN\"", "-H", quote("x-introspect-realm: \(profile.realm)"), "-H",
            quote("Accept: \(request.accept)"),
        ]
        if let body = request.body {
            words += ["-H", quote("Content-Type: application/json"), "--data-binary", quote(String(decoding: body, as: UTF8.self))]
        }
        words.append(quote(url(for: request)))
        return words.joined(separator: " ")
    }

    /// Single-quotes for POSIX shells.
    private func quote(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-:=@,+".contains($0) }
        return safe ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
