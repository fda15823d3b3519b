import Shell

/// `monitors template`: a complete, valid monitor body (the quickstart's monitor, docs/api.md §10.1; on 4.17 the same
/// monitor in 4.17's shape, §10.2) to save, edit and send with `monitors create --file`.
struct MonitorsTemplateCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("monitors template", summary: "A complete monitor body to start from: a zone, a time and a data trigger.")
            .discussion("Save it, edit it, and create it: `monitors template | save monitor.json`, then `monitors create 0 --file monitor.json`.")
            .example("monitors template | get triggerParam.bool.exp", "How its triggers combine.", result: "outOfParis & (batteryIsLow | onMonday)")
            .output("record")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        .value(api.apiVersion == .v417 ? Self.body417 : Self.body)
    }

    /// The same monitor for 4.17: its webhook is its callback's, so the header becomes a monitor attribute; no
    /// retry policy nor batching (the API's own); `timeZone` and `boolExp`.
    static let body417: Value = [
        "label": "IDF zone monitor with data triggering",
        "subscribeParam": ["refreshEvent": 600],
        "attributes": [["type": "Header", "key": "Authorization", "value": "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="]],
        "extendedEventParam": ["vehicle.alerts", "vehicle.status"],
        "triggerParam": ["triggers": triggers(zoneKey: "timeZone"), "boolExp": "outOfParis & (batteryIsLow | onMonday)"],
    ]

    /// The quickstart's monitor, with each trigger in its own object and balanced parentheses.
    static let body: Value = [
        "label": "IDF zone monitor with data triggering",
        "subscribeParam": [
            "refreshEvent": 600,
            "retryPolicy": ["policy": "Always", "maxRetryNumber": 3, "retryDelay": 120],
            "batchNotify": ["size": 10, "timeWindow": 300],
            "callback": [
                "target": "https://my.dn/monitors/cb1",
                "name": "HTTP_CB",
                "attributes": [
                    ["type": "Query", "key": "vin", "value": "$vin"],
                    ["type": "Header", "key": "Authorization", "value": "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="],
                ],
            ],
        ],
        "extendedEventParam": ["vehicle.alerts", "vehicle.status"],
        "triggerParam": ["triggers": triggers(zoneKey: "time.zone"), "bool.exp": "outOfParis & (batteryIsLow | onMonday)"],
    ]

    /// Its zone, time and data triggers; the time trigger's zone key is `time.zone` in v4.0, `timeZone` in 4.17.
    private static func triggers(zoneKey: String) -> Value {
        [
            [
                "name": "outOfParis",
                "zone": ["transition": "Out", "place": ["center": ["latitude": 48.866667, "longitude": 2.333333], "radius": 20]],
            ],
            [
                "name": "onMonday",
                "time": [
                    .init(stringLiteral: zoneKey): "Europe/Paris",
                    "times": [["recurrence": "Daily", "start": "PT14H30M", "duration": "PT4H30M", "occurence": ["day": ["Mon"]]]],
                ],
            ],
            ["name": "batteryIsLow", "data": ["data": "vehicle.energy.electric.level", "op": "lowerThan", "value": ["50"]]],
        ]
    }
}
