import Shell

/// One line of `doctor`: what was checked, how it went, what was found and, when it did not go well, how to fix it.
/// Never holds a secret: a secret's line says where it comes from, not what it is.
struct Finding: Sendable, Equatable {
    /// How a check went.
    enum Result: String, Sendable {
        case ok
        /// Works, but will not for long, or not everywhere (a certificate expiring within 30 days).
        case warn
        case fail
        /// Not tried: an earlier check failed and this one would only fail for the same reason.
        case skip
    }

    var check: String
    var result: Result
    var detail: String
    var hint: String?

    static func ok(_ check: String, _ detail: String) -> Finding { Finding(check: check, result: .ok, detail: detail) }
    static func warn(_ check: String, _ detail: String, hint: String? = nil) -> Finding {
        Finding(check: check, result: .warn, detail: detail, hint: hint)
    }
    static func fail(_ check: String, _ detail: String, hint: String?) -> Finding { Finding(check: check, result: .fail, detail: detail, hint: hint) }
    static func skip(_ check: String, because reason: String) -> Finding { Finding(check: check, result: .skip, detail: "not tried: \(reason)") }

    /// `{check, result, detail, hint}`, the document `doctor` returns.
    var value: Value {
        var record = Record([
            .init(name: "check", value: .string(check)), .init(name: "result", value: .string(result.rawValue)),
            .init(name: "detail", value: .string(detail)),
        ])
        if let hint { record["hint"] = .string(hint) }
        return .record(record)
    }
}
