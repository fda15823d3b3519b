import Shell

/// `listen stop [--port N]`: stops background listeners (all of them by default) and closes their ports; what they
/// received and nobody read is dropped.
struct ListenStopCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("listen stop", summary: "Stop background listeners (`listen --background`): all, or the one on --port.")
            .flag("port", .int, "Only the listener on this port.")
            .example("let l = (listen --port 0 --background); listen stop --port $l.port | count", "Start one and stop it.", result: 1)
            .output("list of records: each stopped listener, with how many notifications were left unread")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let ports = call.int("port").map { [UInt16(clamping: $0)] } ?? Array(api.listeners.keys).sorted()
        if let port = call.int("port"), api.listeners[UInt16(clamping: port)] == nil {
            throw call.error(
                "no background listener is on port \(port)",
                hint: api.listeners.isEmpty ? "none runs" : "ports: \(api.listeners.keys.sorted().map(String.init).joined(separator: ", "))",
                argument: "port", code: .badArgument)
        }
        let stopped = ports.compactMap { port -> Value? in
            guard let listener = api.listeners.removeValue(forKey: port) else { return nil }
            listener.stop()
            return ListenCommand.describe(listener)
        }
        return .value(.list(stopped))
    }
}
