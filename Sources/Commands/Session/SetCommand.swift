import Client
import Shell

/// `set KEY VALUE`: changes a session setting for the rest of the session; `set` alone shows them all.
struct SetCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("set", summary: "Change a session setting (locale, page-size, concurrency, retries, timeout), or show them.")
            .optional("key", .oneOf(["locale", "page-size", "concurrency", "retries", "timeout"]), "The setting.")
            .optional("value", .any, "Its new value: a locale like fr-FR, or a number (timeout in seconds).")
            .example("set locale fr-FR", "Alerts and texts in French from now on.")
            .example("set | get concurrency", "How many vehicles a fan-out queries at once.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        guard let key = call.string("key") else { return .value(settings) }
        guard let value = call.value("value") else {
            throw call.error("'set \(key)' needs a value", hint: "e.g. `set \(key) \(example(key))`", code: .badArgument)
        }
        switch key {
        case "locale":
            guard case .string(let locale) = value, locale.wholeMatch(of: /[A-Za-z]+(-[A-Za-z0-9]+)?/) != nil else {
                throw call.error("'\(value.text)' is not a locale", hint: "e.g. fr-FR or en-GB", argument: "value", code: .badArgument)
            }
            api.locale = locale
        case "page-size": api.pageSize = try number(value, 1...60, call)
        case "concurrency": api.concurrency = try number(value, 1...64, call)
        case "retries": api.session.retryPolicy.maxRetries = try number(value, 0...10, call)
        default: api.session.transport.timeoutMilliseconds = try number(value, 1...600, call) * 1000
        }
        return .empty
    }

    /// The current settings as a record.
    private var settings: Value {
        [
            "locale": api.locale.map(Value.string) ?? .null, "page-size": api.pageSize.map(Value.int) ?? .null, "concurrency": .int(api.concurrency),
            "retries": .int(api.session.retryPolicy.maxRetries), "timeout": .int(api.session.transport.timeoutMilliseconds / 1000),
        ]
    }

    private func number(_ value: Value, _ range: ClosedRange<Int>, _ call: Call) throws -> Int {
        guard case .int(let number) = value, range.contains(number) else {
            throw call.error(
                "'\(call.string("key") ?? "")' must be an int from \(range.lowerBound) to \(range.upperBound), got \(value.text)", argument: "value",
                code: .badArgument)
        }
        return number
    }

    private func example(_ key: String) -> String {
        ["locale": "fr-FR", "page-size": "20", "concurrency": "8", "retries": "3", "timeout": "30"][key] ?? "…"
    }
}
