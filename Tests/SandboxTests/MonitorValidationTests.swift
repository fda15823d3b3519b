import APIContract
import Foundation
import Testing

/// Monitor validation without a server (pure logic): each bad body is refused with the field path and the problem.
struct MonitorValidationTests {
    /// Replaces one fragment of the valid body.
    static func variant(_ from: String, _ to: String) -> String {
        precondition(MonitorTests.validBody.contains(from), "fixture fragment not found: \(from)")
        return MonitorTests.validBody.replacingOccurrences(of: from, with: to)
    }

    @Test("the valid body passes")
    func valid() throws {
        _ = try MonitorValidator.validate(body: Array(MonitorTests.validBody.utf8))
    }

    @Test(
        "bad bodies name the field and the problem",
        arguments: [
            (variant(#""label": "IDF zone monitor", "#, ""), "$.label", "is required"),
            (variant(#""name": "HTTP_CB""#, #""name": """#), "$.subscribeParam.callback.name", "must not be empty"),
            (variant(#""target": "http://my.dn/monitors/cb1", "#, ""), "$.subscribeParam.callback.target", "is required"),
            (variant("http://my.dn/monitors/cb1", "my.dn/cb1"), "$.subscribeParam.callback.target", "not an absolute http(s) URL"),
            (variant(#""refreshEvent": 600"#, #""refreshEvent": 30"#), "$.subscribeParam.refreshEvent", "at least 60"),
            (variant(#""policy": "Always""#, #""policy": "Sometimes""#), "$.subscribeParam.retryPolicy.policy", "not one of"),
            (variant(#"{"type": "Query""#, #"{"type": "Cookie""#), "$.subscribeParam.callback.attributes[0].type", "not one of"),
            (variant(#""vehicle.alerts", "vehicle.status""#, #""vehicle.weather""#), "$.extendedEventParam[0]", "not one of"),
            (variant(#"{"name": "onMonday""#, #"{"name": "outOfParis""#), "$.triggerParam.triggers[1].name", "already the name"),
            (variant(#""transition": "Out""#, #""transition": "Sideways""#), "$.triggerParam.triggers[0].zone.transition", "not one of"),
            (variant(#""circle": {"radius": 20"#, #""circle": {"radius": -1"#), "$.triggerParam.triggers[0].zone.circle.radius", "above 0"),
            (
                variant(#""latitude": 48.866667"#, #""latitude": 148.8"#), "$.triggerParam.triggers[0].zone.circle.center.latitude",
                "between -90 and 90"
            ),
            (variant(#""Europe/Paris""#, #""Paris""#), "$.triggerParam.triggers[1].time.time.zone", "tz database"),
            (variant(#""start": "PT14H30M""#, #""start": "2pm""#), "$.triggerParam.triggers[1].time.times[0].start", "time of day"),
            (variant(#""day": ["Mon"]"#, #""day": ["Monday"]"#), "$.triggerParam.triggers[1].time.times[0].occurence.day[0]", "not one of"),
            (
                variant(#""op": "lowerThan""#, #""op": "onChange""#), "$.triggerParam.triggers[2].data.op",
                "not allowed for vehicle.energy.electric.level"
            ),
            (variant(#""value": ["50"]"#, #""value": ["fifty"]"#), "$.triggerParam.triggers[2].data.value[0]", "not a number"),
            (variant(#""value": ["50"]"#, #""value": ["50", "60"]"#), "$.triggerParam.triggers[2].data.value", "exactly one value"),
            (
                variant(#""data": "vehicle.energy.electric.level""#, #""data": "vehicle.mood""#), "$.triggerParam.triggers[2].data.data",
                "not a v4.0 data trigger"
            ),
            (
                variant(#"{"name": "batteryIsLow", "data""#, #"{"name": "batteryIsLow", "time": {}, "data""#), "$.triggerParam.triggers[2]",
                "exactly one of zone, time, data"
            ),
            (
                variant(#"{"name": "batteryIsLow", "data""#, #"{"name": "batteryIsLow", "weather""#), "$.triggerParam.triggers[2].weather",
                "'weather' is no trigger kind"
            ),
            (
                variant("outOfParis & (batteryIsLow | onMonday)", "outOfParis & rain"), "$.triggerParam.bool.exp",
                "'rain' is not the name of a trigger"
            ),
            (variant("outOfParis & (batteryIsLow | onMonday)", "outOfParis | !outOfParis"), "$.triggerParam.bool.exp", "always true"),
            (variant("outOfParis & (batteryIsLow | onMonday)", "outOfParis & !outOfParis"), "$.triggerParam.bool.exp", "always false"),
            (
                variant("outOfParis & (batteryIsLow | onMonday)", "outOfParis & & onMonday"), "$.triggerParam.bool.exp",
                "operator where a trigger name"
            ),
            (variant(#""triggerParam": {"#, #""triggerParam": {"dataTriggers": [], "#), "$.triggerParam", "cannot be mixed"),
            ("[1, 2]", "$", "expected an object, got an array"),
        ])
    func refused(body: String, path: String, problem: String) {
        do {
            _ = try MonitorValidator.validate(body: Array(body.utf8))
            Issue.record("accepted a body with a bad \(path)")
        } catch {
            #expect(error.path == path)
            #expect(error.apiText.contains(problem), "\(error.apiText)")
        }
    }

    @Test("every problem is found, in document order, and the first is the one the API reports")
    func everyProblem() throws {
        var body = Self.variant(#""refreshEvent": 600"#, #""refreshEvent": 30"#)
        body = body.replacingOccurrences(of: #""transition": "Out""#, with: #""transition": "Sideways""#)
        body = body.replacingOccurrences(of: "outOfParis & (batteryIsLow | onMonday)", with: "outOfParis & (rain")
        let problems = MonitorValidator.problems(in: try JSONParser.parse(Array(body.utf8)))
        #expect(
            problems.map(\.path) == [
                "$.subscribeParam.refreshEvent", "$.triggerParam.triggers[0].zone.transition", "$.triggerParam.bool.exp",
            ])
        #expect(problems.last?.expression?.column == 14)
        let first = try #require(problems.first)
        #expect(throws: first) { try MonitorValidator.validate(body: Array(body.utf8)) }
    }

    @Test("a bad trigger does not make bool.exp wrong too")
    func noCascade() throws {
        let body = Self.variant(#""transition": "Out""#, #""transition": "Sideways""#)
        let problems = MonitorValidator.problems(in: try JSONParser.parse(Array(body.utf8)))
        #expect(problems.map(\.path) == ["$.triggerParam.triggers[0].zone.transition"])
    }
}
