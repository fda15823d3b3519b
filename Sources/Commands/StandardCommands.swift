import Shell

extension CommandRegistry {
    /// The families `help` groups commands under, in its order.
    enum Family {
        static let vehicles = "Vehicles and their data"
        static let actions = "Monitors, callbacks and remote actions"
        static let rows = "Working with rows"
        static let formats = "Formats, files and pictures"
        static let history = "The car's history"
        static let session = "Session, profiles and the sandbox"
        static let shell = "The shell"
    }

    /// The language's own commands: data, formats, files, help. The API commands join them in `standard(session:)`.
    package static func language() -> CommandRegistry {
        var registry = CommandRegistry()
        registry.register(
            family: Family.rows,
            [
                FirstCommand(), LastCommand(), NthCommand(), CountCommand(), WhereCommand(), SelectCommand(), RejectCommand(), GetCommand(),
                SortByCommand(), ReverseCommand(), UniqCommand(), FlattenCommand(), EachCommand(), EnumerateCommand(), GroupByCommand(),
                KeysCommand(), ValuesCommand(), RangeCommand(),
            ] + [MathCommand.Operation.sum, .min, .max, .avg].map(MathCommand.init))
        registry.register(
            family: Family.formats,
            ToCommand.Format.allCases.map(ToCommand.init) + FromCommand.Format.allCases.map(FromCommand.init) + [OpenCommand(), SaveCommand()])
        registry.register(
            family: Family.shell, [EchoCommand(), PrintCommand(), HelpCommand(), SourceCommand(), ExitCommand(), HistoryCommand(), VersionCommand()])
        return registry
    }

    /// The language's commands and the API commands on one session.
    package static func standard(api: APIContext) -> CommandRegistry {
        var registry = CommandRegistry()
        let commands = { (operations: [APIOperation]) -> [any Command] in operations.map { OperationCommand(api: api, operation: $0) } }
        registry.register(family: Family.vehicles, commands(APIOperation.vehicles))
        registry.register(
            family: Family.actions,
            commands(APIOperation.monitors + APIOperation.monitorWrites) + [MonitorsTemplateCommand(api: api)]
                + commands(APIOperation.callbacks + APIOperation.callbackWrites) + [
                    ListenCommand(api: api), ListenStopCommand(api: api), OperationCommand(api: api, operation: .remote),
                ] + commands(APIOperation.remotes))
        registry.register(
            family: Family.history,
            [
                RecordCommand(api: api), HistorySQLCommand(api: api), WatchCommand(api: api), PlacesCommand(api: api), PlacesAddCommand(api: api),
                PlacesRemoveCommand(api: api), PlacesVisitedCommand(api: api), TariffCommand(api: api), TariffAddCommand(api: api),
                TariffRemoveCommand(api: api), TariffImportCommand(api: api), CostsCommand(api: api), EfficiencyCommand(api: api),
                BatteryCommand(api: api), EnergyCommand(api: api), ReportCommand(api: api), HistoryImportCommand(api: api),
                HistoryExportCommand(api: api),
            ]
                + HistoryTableCommand.Table.allCases.map { HistoryTableCommand(api: api, table: $0) })
        // The families in help's order: the language's (rows, formats, the shell) merge into theirs, the shell last.
        for family in [Family.rows, Family.formats, Family.session] { registry.register(family: family, []) }
        registry.merge(language())
        // Pictures are pure, but their examples draw the sandbox's data, so they run with the API commands'.
        registry.register(family: Family.formats, [MapCommand(), ChartCommand()])
        registry.register(
            family: Family.session,
            [
                ApiCommand(api: api), BrandsCommand(), QuotaCommand(api: api), SetCommand(api: api), LoginCommand(api: api),
                LogoutCommand(api: api),
                DoctorCommand(api: api),
            ] + ProfileCommand.Action.allCases.map { ProfileCommand(api: api, action: $0) }
                + SandboxControlCommand.Action.allCases.map { SandboxControlCommand(api: api, action: $0) })
        return registry
    }
}
