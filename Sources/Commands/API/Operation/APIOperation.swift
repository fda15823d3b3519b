import APIContract
import Foundation
import Shell

/// One operation of the API as a shell command, declared rather than written: where it lives in each API version
/// that has it (a ``PathTemplate`` with typed ids), its query flags, its answer, its view and its examples.
/// ``OperationCommand`` runs every one the same way; what an operation does beyond that plugs in as ``Hooks``.
/// Adding a GET endpoint is one declaration in a catalogue and its view (docs/architecture.md §6.1).
struct APIOperation: Sendable {
    /// A flag that becomes query parameters (`--tolerance 0.5` → `tolerance=0.5`; a comma list repeats the key).
    struct QueryFlag: Sendable {
        var flag: String
        var parameter: String
        var shape: Shape
        var help: String
        /// When the flag is not given, the session's locale (`set locale`, else the profile's) is sent.
        var defaultsToSessionLocale = false
        /// The parameter's values for what was given; throws, pointing at it, on one the API would refuse.
        var values: @Sendable (_ given: Call.Bound, _ call: Call) throws -> [String] = { given, _ in
            given.value.text.split(separator: ",").map(String.init)
        }
    }

    /// What the API answers.
    enum Answer: Sendable {
        /// One document.
        case record
        /// A paged collection, read lazily (``Requests/collection(_:query:curl:inWords:)``).
        case collection
    }

    /// Behaviour of one operation beyond sending its request.
    struct Hooks: Sendable {
        /// API 4.17 keeps monitors and remote actions under the callback they report to (docs/api.md §11): with no
        /// `--callback-id`, the `{callback}` of the path is every callback serving this type (`Monitor`, `Remote`),
        /// asked one after the other (``CallbackScan``).
        var callbacksServing: String?
        /// Reorders a collection read whole (remote actions, newest first): the answer is then a list, not lazy.
        var collected: (@Sendable ([Value]) -> [Value])?
        /// Sees a listing as it is read, on the shell's thread (`vehicles` refreshes the vehicle cache).
        var listing: (@Sendable (_ rows: ValueStream, _ call: Call, _ api: APIContext) -> ValueStream)?
        /// A view that reads the session when it draws (the status card asks for maintenance and alerts); made on
        /// the shell's thread.
        var view: (@Sendable (_ api: APIContext) -> View)?
        /// A write that asks first at a terminal (a script must say `--yes`): what it does to each item, and what
        /// else goes with them (`and every monitor bound to them`).
        var confirm: Confirmation?
        /// The flags a body is built from (``body``), added to the signature.
        var flags: (@Sendable (Signature) -> Signature)?
        /// A record from the pipe that is a body rather than a vehicle or an item (`monitors template | monitors
        /// create 0`).
        var isBody: (@Sendable (Record) -> Bool)?
        /// The callback a new item reports to, when its path has one (a 4.17 monitor: `--callback URL` or
        /// `--callback-id`), found or made on the shell's thread before anything else is sent.
        var callback: (@Sendable (_ call: Call, _ api: APIContext) throws -> String)?
        /// A POST is sent at most once (``PostOnce``): when its answer is lost, this looks for what it would have
        /// made — at the path it was sent to, with its body — before sending it again.
        /// Nil when it cannot tell (a monitor without a label): the POST is then sent once, never again.
        var reconcile: (@Sendable (_ requests: Requests, _ path: String, _ body: Value) -> (() throws -> Value?)?)?
        /// When the callback ``callback`` gave is gone (404) and was ccsh's own, deleted since it was remembered:
        /// another, made now, for one more POST; nil to let the error stand.
        var callbackGone: (@Sendable (_ call: Call, _ api: APIContext) throws -> String?)?
        /// What follows a POST's answer, made before it is sent (so that it hears the first events): a remote
        /// action is waited for until it ends (``RemoteFollow``).
        var follow: (@Sendable (_ call: Call, _ api: APIContext, _ context: CommandContext, _ ids: [String: String]) throws -> OperationFollow?)?
        /// What a terminal is told the write does, before the car (`remote horn`); the command's name by default.
        var saying: (@Sendable (_ call: Call) -> String)?
        /// The answer to show for one item written, from the API's reply and the item's ids (a DELETE answers
        /// nothing: `{id, deleted: true}`).
        var answer: (@Sendable (_ reply: Value, _ ids: [String: String]) -> Value)?
    }

    /// What a body is built from.
    struct BodyInput {
        let call: Call
        /// A body record from the pipe (``Hooks/isBody``).
        let piped: Record?
        let version: APIVersion
        let context: CommandContext
        /// The server's now (``ServerClock``), asked of the server first when it has said nothing yet.
        let now: () throws -> Date
        /// The document being replaced, read when asked (a PUT replaces it whole: the flags change its parts).
        let current: () throws -> Value
    }

    /// What a write asks before it is sent.
    struct Confirmation: Sendable {
        /// The verb: `delete`.
        var verb: String
        /// What goes with the items, after "and": `every monitor bound to`, completed by `it` or `them`.
        var alsoTaking: String?
        /// The same, said in the hint of a script's refusal: `their monitors go with them`.
        var consequence: String?
    }

    /// How the answers of a write to several items come back.
    enum Answers: Sendable {
        /// Always a list, one record per item.
        case list
        /// One item named: its record; several or piped: a list.
        case recordWhenOne
    }

    var name: String
    var summary: String
    /// `GET`, or a write: `PUT`, `DELETE`, `POST`.
    var method = "GET"
    /// A write's JSON body (nil: none), built and checked before anything is sent.
    var body: (@Sendable (_ input: BodyInput) throws -> JSON)?
    /// `--dry-run`: check the body and show the request instead of sending it.
    var dryRun = false
    /// A write to several items at once: the last id argument takes any number of them (`monitors pause 0 M1 M2`),
    /// or they come from the pipe (`monitors 0 | monitors pause`).
    var takesMany = false
    var answers = Answers.list
    /// Whether piped vehicles each get the request (`vehicles | status`); a remote action takes one car only.
    var fansOut = true
    /// POSTs at most, each after the first checked (``PostOnce``).
    var postAttempts = PostOnce.defaultAttempts
    /// Whether the car must wake to carry it out (a remote action): `quota` counts these against the API's monthly
    /// wake-up quota.
    var wakesCar = false
    /// Where it lives in each API version that has it; on another, the command says so instead of sending.
    var paths: [APIVersion: PathTemplate]
    var answer = Answer.record
    /// Whether `--since`/`--until` (the `timestamps` filter) apply.
    var isTimed = false
    var accept: String?
    var flags: [QueryFlag] = []
    /// What the command takes from the pipe, for help (vehicle records by default, when the path has a vehicle).
    var input: String?
    /// What it returns, for help (a record, or a lazy list, by default).
    var output: String?
    var discussion: String?
    var examples: [(source: String, description: String, result: Value?)] = []
    /// How a terminal shows what it returns, made when a table first needs it.
    var view: (@Sendable () -> View)?
    var hooks = Hooks()

    /// An operation at the same path in `versions` (every version by default).
    init(
        _ name: String, _ summary: String, path: PathTemplate, versions: Set<APIVersion> = Set(APIVersion.allCases),
        answer: Answer = .record
    ) {
        self.name = name
        self.summary = summary
        paths = Dictionary(uniqueKeysWithValues: versions.map { ($0, path) })
        self.answer = answer
    }

    /// An operation whose path differs between versions.
    init(_ name: String, _ summary: String, paths: [APIVersion: PathTemplate], answer: Answer = .record) {
        self.name = name
        self.summary = summary
        self.paths = paths
        self.answer = answer
    }

    /// The API versions that have it.
    var versions: Set<APIVersion> { Set(paths.keys) }

    /// The items the command's arguments name, in path order across versions (`trip`; `monitor`). A `{callback}`
    /// that ``Hooks/callbacksServing`` looks for or ``Hooks/callback`` gives is a flag (`--callback-id`), not an
    /// argument.
    var arguments: [ItemResolver.Item] {
        var items: [ItemResolver.Item] = []
        for template in paths.sorted(by: { $0.key.rawValue < $1.key.rawValue }).map(\.value) {
            for case .item(let item) in template.ids where !items.contains(where: { $0.placeholder == item.placeholder }) {
                if item.placeholder == ItemResolver.Item.callback.placeholder, hooks.callbacksServing != nil || hooks.callback != nil { continue }
                items.append(item)
            }
        }
        return items
    }

    /// Sets one property, for declarations written as one expression.
    func with(_ change: (inout APIOperation) -> Void) -> APIOperation {
        var copy = self
        change(&copy)
        return copy
    }

    /// Adds an example.
    func example(_ source: String, _ description: String, result: Value? = nil) -> APIOperation {
        with { $0.examples.append((source, description, result)) }
    }
}

extension APIOperation.QueryFlag {
    /// `--locale`, defaulting to the session's.
    static let locale = APIOperation.QueryFlag(
        flag: "locale", parameter: "locale", shape: .kind(.locale), help: "Language of texts, e.g. `fr-FR` (default: the profile's).",
        defaultsToSessionLocale: true)
}

/// What follows one POST's answer on the shell's thread (``APIOperation/Hooks/follow``).
protocol OperationFollow {
    /// The command's answer, from the API's.
    func outcome(of answer: Value, ids: [String: String]) throws -> Value
}
