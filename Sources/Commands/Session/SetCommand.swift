import APIContract
import Client
import Shell

/// `set KEY VALUE`: changes a session setting for the rest of the session; `set` alone shows them all.
struct SetCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature(
            "set",
            summary:
                "Change a session setting (locale, api-version, page-size, output, time, editor, pager, concurrency, retries, timeout), or show them."
        )
        .optional(
            "key", .oneOf(["locale", "api-version", "page-size", "output", "time", "editor", "pager", "concurrency", "retries", "timeout"]),
            "The setting."
        )
        .optional(
            "value", .kind(.settingValue),
            "Its new value: a locale like fr-FR, an output format (table, json, ndjson, csv, yaml), or a number (timeout in seconds)."
        )
        .example("set locale fr-FR", "Alerts and texts in French from now on.")
        .example("set | get concurrency", "How many vehicles a fan-out queries at once.")
        .example("set api-version 4.17", "Speak today's API: callbacks, remote actions, alarms, monitors under callbacks.")
        .example("set output yaml", "Results as YAML from now on.")
        .example("set time utc", "Times in tables and cards in UTC (`local`: local time and age, `iso`: as the API wrote them).")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        guard let key = call.string("key") else { return .value(try settings(context)) }
        guard let value = call.value("value") else {
            throw call.error("'set \(key)' needs a value", hint: "e.g. `set \(key) \(example(key))`", code: .badArgument)
        }
        switch key {
        case "locale":
            guard case .string(let locale) = value, locale.wholeMatch(of: /[A-Za-z]+(-[A-Za-z0-9]+)?/) != nil else {
                throw call.error("'\(value.text)' is not a locale", hint: "e.g. fr-FR or en-GB", argument: "value", code: .badArgument)
            }
            api.locale = locale
        case "api-version":
            guard let version = APIVersion(rawValue: value.text) else {
                throw call.error(
                    "'\(value.text)' is not an API version ccsh speaks", hint: "4.0 (the seed's) or 4.17 (today's)", argument: "value",
                    code: .badArgument)
            }
            api.apiVersionOverride = version
        case "output":
            guard let format = OutputFormat(rawValue: value.text) else {
                throw call.error(
                    "'\(value.text)' is not an output format", hint: "one of: " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "),
                    argument: "value", code: .badArgument)
            }
            context.interpreter.outputFormat = format
        case "time":
            guard let style = TimeStyle(rawValue: value.text) else {
                throw call.error("'\(value.text)' is not a time style", hint: "one of: local, utc, iso", argument: "value", code: .badArgument)
            }
            context.interpreter.presentation.time = style
        case "editor":
            guard ["emacs", "vi"].contains(value.text) else {
                throw call.error("'\(value.text)' is not a key binding", hint: "one of: emacs, vi", argument: "value", code: .badArgument)
            }
            guard let editor = context.interpreter.lineEditor else {
                throw call.error("'set editor' works at the interactive prompt only", hint: "scripts read no keys")
            }
            editor.setEditor(value.text)
        case "pager":
            guard ["on", "off"].contains(value.text) else {
                throw call.error(
                    "'\(value.text)' is not on or off", hint: "`set pager off` prints tall results instead of paging them", argument: "value",
                    code: .badArgument)
            }
            context.interpreter.usesPager = value.text == "on"
        case "page-size": api.pageSize = try number(value, 1...60, call)
        case "concurrency": api.concurrency = try number(value, 1...64, call)
        case "retries": try api.session.retryPolicy.maxRetries = try number(value, 0...10, call)
        default: try api.session.transport.timeoutMilliseconds = try number(value, 1...600, call) * 1000
        }
        return .empty
    }

    /// The current settings as a record.
    private func settings(_ context: CommandContext) throws -> Value {
        let session = try api.session
        return [
            "locale": api.locale.map(Value.string) ?? .null, "api-version": .string(api.apiVersion.rawValue),
            "page-size": api.pageSize.map(Value.int) ?? .null,
            "output": context.interpreter.outputFormat.map { .string($0.rawValue) } ?? "auto",
            "time": .string(context.interpreter.presentation.time.rawValue), "pager": .string(context.interpreter.usesPager ? "on" : "off"),
            "concurrency": .int(api.concurrency),
            "retries": .int(session.retryPolicy.maxRetries), "timeout": .int(session.transport.timeoutMilliseconds / 1000),
            "profile": .string(session.profile.name),
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
        [
            "locale": "fr-FR", "api-version": "4.17", "page-size": "20", "output": "yaml", "time": "utc", "editor": "vi", "pager": "off",
            "concurrency": "8",
            "retries": "3", "timeout": "30",
        ][
            key] ?? "…"
    }
}
