import APIContract
import Client
import Foundation
import Listener
import Shell

/// `listen`: a webhook receiver in the shell. It serves HTTP on this machine and yields each notification the API
/// posts — a v4.0 monitor event, a 4.17 message (monitor or remote), one per post or batched — as a record, in a
/// lazy stream: `listen --port 8099 | first 3`, `listen | where type == "Remote" | each {…}`. `--background`
/// keeps it running in the shell instead (a later `listen` reads it, `remote` watches it); `--print` shows each
/// notification as it comes. Ctrl-C or `--timeout` ends the stream; the port closes with it.
struct ListenCommand: Command {
    let api: APIContext

    static let defaultPort: UInt16 = 8099

    var signature: Signature {
        ListenerSetup.flags(
            on: Signature("listen", summary: "Receive the API's webhook notifications here, each one a record in a lazy stream.")
                .flag("port", .int, "The port (default 8099; 0: any free one).")
        )
        .flag("timeout", .string, "Stop after this long: 30s, 5m, 1h (default: until Ctrl-C, or until enough are read).")
        .switch("background", "Keep listening in this shell and return where; a later `listen` reads what came.")
        .switch("print", "Print each notification as it arrives (a card at a terminal, NDJSON in a pipe) instead of returning them.")
        .discussion(
            """
            The API posts to a public HTTPS URL (docs/api.md §10.5): put a tunnel or a reverse proxy in front of the port, \
            register that URL as a callback's target (`callbacks create --target https://…`), and give the callback the \
            secret header: `--header 'X-Ccsh-Secret=…'`. A notification is answered 200 only once it is kept; what is not \
            JSON gets 400, a body over 1 MiB 413, a post without the secret 401. In 4.17 a batch of lagging notifications \
            comes as one array: each becomes its own record. A post is answered 200 once the pipeline took all of it \
            (or, with --background, once kept): `listen | first 2` answers 503 to a batch of three, and the API sends \
            it again to the next reader. What a background listener kept and nobody read when it stops (`listen \
            stop`, or the shell ending) is saved to a file under ccsh's state directory (unread/, NDJSON), never \
            dropped.
            """
        )
        .example("listen --port 0 --timeout 1s | count", "Nothing posts within a second.", result: 0)
        .example("listen --port 0 --background | get bind", "A listener kept running in the shell, on this machine only.", result: "127.0.0.1")
        .output("list (lazy) of records: each notification as posted; with --background, where it listens")
    }

    var view: View? { .notification }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let timeout = try call.string("timeout").map { text in
            guard let seconds = DurationText.seconds(text), seconds > 0 else {
                throw call.error("'\(text)' is not a duration", hint: "write 30s, 5m or 1h", argument: "timeout", code: .badArgument)
            }
            return seconds
        }
        let requested = try ListenerSetup.port(call, flag: "port")
        let running = requested.flatMap { api.listeners[$0] } ?? (requested == nil ? api.listeners.values.first : nil)
        let listener: WebhookListener
        if let running {
            // Its settings were given when it started: a different one now would silently not apply.
            if let setting = ["secret", "bind", "cert", "key"].first(where: { call.value($0) != nil }) ?? (call.isSet("tls") ? "tls" : nil) {
                throw call.error(
                    "a listener already runs on port \(running.port) with its own settings", hint: "read it with `listen --port \(running.port)`",
                    argument: setting, code: .badArgument)
            }
            listener = running
        } else {
            listener = try ListenerSetup(api: api).start(call, port: requested ?? Self.defaultPort)
        }
        if call.isSet("background") {
            listener.keepForLaterReaders()
            api.listeners[listener.port] = listener
            return .value(Self.describe(listener))
        }
        if running == nil, context.interpreter.ask != nil {
            context.interpreter.writeError("listening on \(listener.url) (Ctrl-C ends)\n")
        }
        let stream = ListenStream(
            listener: listener, ownsListener: running == nil, deadline: timeout.map { Date().addingTimeInterval($0) },
            isInterrupted: context.interpreter.isInterrupted)
        guard call.isSet("print") else {
            return .stream(
                ValueStream {
                    guard let (value, acknowledge) = stream.next() else { return nil }
                    acknowledge()
                    return value
                })
        }
        let interpreter = context.interpreter
        let asCards = interpreter.presentation.outputIsTerminal && ![.json, .ndjson].contains(interpreter.outputFormat)
        while let (value, acknowledge) = stream.next() {
            interpreter.write(asCards ? interpreter.render(value) + "\n\n" : value.jsonText + "\n")
            // Each record reaches a pipe or a file as it comes, and only then is its sender answered 200.
            interpreter.flush()
            acknowledge()
        }
        return .empty
    }

    /// Where a listener waits, what it requires, and how much waits in it.
    static func describe(_ listener: WebhookListener) -> Value {
        [
            "url": .string(listener.url), "port": .int(Int(listener.port)), "bind": .string(listener.configuration.bind),
            "secretHeader": listener.configuration.secret == nil ? .null : .string(listener.configuration.secretHeader),
            "certificate": listener.configuration.tls.map { .string($0.certificate) } ?? .null,
            "pending": .int(listener.pending),
        ]
    }
}

/// The records of one `listen`: notifications as they come, until the deadline, Ctrl-C, or the reader stops. A
/// listener started for this stream alone closes when the stream ends or is dropped (`listen | first 2`).
final class ListenStream {
    private let listener: WebhookListener
    private let ownsListener: Bool
    private let deadline: Date?
    private let isInterrupted: () -> Bool
    private var isOver = false

    init(listener: WebhookListener, ownsListener: Bool, deadline: Date?, isInterrupted: @escaping () -> Bool) {
        self.listener = listener
        self.ownsListener = ownsListener
        self.deadline = deadline
        self.isInterrupted = isInterrupted
    }

    deinit { if ownsListener { listener.stop() } }

    /// The next notification, waiting as long as it takes (looking at Ctrl-C and the deadline ten times a second),
    /// with what acknowledges it; a lazy list's reader acknowledges each one as it takes it.
    func next() -> (value: Value, acknowledge: @Sendable () -> Void)? {
        while !isOver {
            if isInterrupted() || deadline.map({ Date() >= $0 }) == true {
                isOver = true
                if ownsListener { listener.stop() }
                return nil
            }
            let wait = min(0.1, max(0.001, deadline?.timeIntervalSinceNow ?? 0.1))
            if let (json, acknowledge) = listener.receive(timeout: wait) { return (Value(json), acknowledge) }
        }
        return nil
    }
}
