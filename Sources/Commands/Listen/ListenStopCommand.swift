import Shell

/// `listen stop [--port N]`: stops background listeners (all of them by default) and closes their ports; what they
/// acknowledged and nobody read is saved to a file, never dropped (``ListenerShutdown``).
struct ListenStopCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("listen stop", summary: "Stop background listeners (`listen --background`): all, or the one on --port.")
            .flag("port", .int, "Only the listener on this port.")
            .example("let l = (listen --port 0 --background); listen stop --port $l.port | count", "Start one and stop it.", result: 1)
            .output("list of records: each stopped listener, how many notifications it kept unread (pending), and the file that holds them (savedIn)")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let ports = call.int("port").map { [UInt16(clamping: $0)] } ?? Array(api.listeners.keys).sorted()
        if let port = call.int("port"), api.listeners[UInt16(clamping: port)] == nil {
            throw call.error(
                "no background listener is on port \(port)",
                hint: api.listeners.isEmpty ? "none runs" : "ports: \(api.listeners.keys.sorted().map(String.init).joined(separator: ", "))",
                argument: "port", code: .badArgument)
        }
        var stopped: [Value] = []
        for port in ports {
            guard let listener = api.listeners.removeValue(forKey: port) else { continue }
            stopped.append(try ListenerShutdown.stop(listener).value)
        }
        return .value(.list(stopped))
    }
}
