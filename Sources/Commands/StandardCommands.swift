import Shell

extension CommandRegistry {
    /// The language's own commands: data, formats, files, help. The API commands join them in `standard(session:)`.
    package static func language() -> CommandRegistry {
        var registry = CommandRegistry()
        registry.register(
            FirstCommand(), LastCommand(), NthCommand(), CountCommand(), WhereCommand(), SelectCommand(), RejectCommand(), GetCommand(),
            SortByCommand(), ReverseCommand(), UniqCommand(), FlattenCommand(), EachCommand(), EnumerateCommand(), GroupByCommand(),
            KeysCommand(), ValuesCommand(), RangeCommand())
        registry.register([MathCommand.Operation.sum, .min, .max, .avg].map(MathCommand.init))
        registry.register(ToCommand.Format.allCases.map(ToCommand.init))
        registry.register(FromCommand.Format.allCases.map(FromCommand.init))
        registry.register(
            OpenCommand(), SaveCommand(), EchoCommand(), PrintCommand(), HelpCommand(), SourceCommand(), ExitCommand(),
            HistoryCommand(), VersionCommand())
        return registry
    }

    /// The language's commands and the API commands on one session.
    package static func standard(api: APIContext) -> CommandRegistry {
        var registry = language()
        registry.register(
            UserInfoCommand(api: api), VehiclesCommand(api: api), VehicleCommand(api: api), StatusCommand(api: api), AlertsCommand(api: api))
        registry.register(VehicleResource.catalogue.map { VehicleResourceCommand(api: api, resource: $0) })
        registry.register(
            MonitorsCommand(api: api, action: .list), MonitorsCommand(api: api, action: .show), MonitorsWriteCommand(api: api, action: .create),
            MonitorsWriteCommand(api: api, action: .update),
            MonitorsStatusCommand(api: api, status: "Paused"), MonitorsStatusCommand(api: api, status: "Running"),
            MonitorsDeleteCommand(api: api), MonitorsTemplateCommand(api: api))
        registry.register(
            CallbacksCommand(api: api, action: .list), CallbacksCommand(api: api, action: .show), CallbacksWriteCommand(api: api, action: .create),
            CallbacksWriteCommand(api: api, action: .update), CallbacksStatusCommand(api: api, status: "Paused"),
            CallbacksStatusCommand(api: api, status: "Running"), CallbacksDeleteCommand(api: api))
        registry.register(ListenCommand(api: api), ListenStopCommand(api: api))
        registry.register(RemoteCommand(api: api), RemotesCommand(api: api, action: .list), RemotesCommand(api: api, action: .show))
        // Pictures are pure, but their examples draw the sandbox's data, so they run with the API commands'.
        registry.register(MapCommand(), ChartCommand())
        registry.register(
            ApiCommand(api: api), BrandsCommand(), SetCommand(api: api), LoginCommand(api: api), LogoutCommand(api: api),
            DoctorCommand(api: api))
        registry.register(ProfileCommand.Action.allCases.map { ProfileCommand(api: api, action: $0) })
        registry.register(SandboxControlCommand.Action.allCases.map { SandboxControlCommand(api: api, action: $0) })
        return registry
    }
}
