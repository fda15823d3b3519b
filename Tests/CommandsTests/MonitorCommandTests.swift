import Commands
import Foundation
import Shell
import TestSupport
import Testing

/// `monitors …` against a real sandbox: the builder flags, the local check with the API's rules, and the
/// create/list/pause/resume/update/delete round trip.
@Suite(.sandbox("--vehicles", "3"))
struct MonitorCommandTests {
    /// The seed's monitor (docs/api.md §10.1) as builder flags.
    static let seedFlags = """
        --label "IDF zone monitor with data triggering" --callback https://my.dn/monitors/cb1 --callback-name HTTP_CB \
        --query 'vin=$vin' --header 'Authorization=Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' \
        --zone outOfParis:out:48.866667,2.333333:20 --time onMonday:Mon:14h30:4h30:Europe/Paris \
        --data batteryIsLow:vehicle.energy.electric.level:lowerThan:50 --expr "outOfParis & (batteryIsLow | onMonday)" \
        --refresh 600 --retry always:3:120 --batch 10:300 --extend vehicle.alerts,vehicle.status
        """

    /// The body those flags must make, written out by hand from docs/api.md §10.1.
    static let seedBody = """
        {"label":"IDF zone monitor with data triggering",
         "subscribeParam":{"refreshEvent":600,"retryPolicy":{"policy":"Always","maxRetryNumber":3,"retryDelay":120},
           "batchNotify":{"size":10,"timeWindow":300},
           "callback":{"target":"https://my.dn/monitors/cb1","name":"HTTP_CB","attributes":[
             {"type":"Query","key":"vin","value":"$vin"},
             {"type":"Header","key":"Authorization","value":"Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}]}},
         "extendedEventParam":["vehicle.alerts","vehicle.status"],
         "triggerParam":{"triggers":[
           {"name":"outOfParis","zone":{"transition":"Out","place":{"center":{"latitude":48.866667,"longitude":2.333333},"radius":20}}},
           {"name":"onMonday","time":{"time.zone":"Europe/Paris","times":[
             {"recurrence":"Daily","start":"PT14H30M","duration":"PT4H30M","occurence":{"day":["Mon"]}}]}},
           {"name":"batteryIsLow","data":{"data":"vehicle.energy.electric.level","op":"lowerThan","value":["50"]}}],
          "bool.exp":"outOfParis & (batteryIsLow | onMonday)"}}
        """

    @Test("builder flags make exactly the seed's monitor body; --dry-run sends nothing")
    func builderBody() throws {
        let shell = try APIShell()
        _ = try shell.run("vehicles | count")
        let before = shell.requests.count
        let request = try shell.run("monitors create 0 \(Self.seedFlags) --dry-run")
        #expect(shell.requests.count == before)
        #expect(request.recordValue?["method"] == "POST")
        #expect(request.recordValue?["path"]?.text.hasSuffix("/monitors") == true)
        #expect(request.recordValue?["body"] == (try JSONReader.value(from: Self.seedBody)))
    }

    @Test("the seed's monitor from flags is accepted, listed by `monitors`, and removed by `monitors delete --yes`")
    func seedRoundTrip() throws {
        let shell = try APIShell()
        let created = try shell.run("monitors create 1 \(Self.seedFlags)")
        let id = try #require(created.recordValue?["monitorId"]?.text)
        #expect(created.recordValue?["status"] == "Running")
        #expect(try shell.run("monitors 1 | where id == '\(id)' | first | get monitor.label") == "IDF zone monitor with data triggering")
        #expect(try shell.run("monitors show 1 \(id) | get monitor.triggerParam.bool.exp") == "outOfParis & (batteryIsLow | onMonday)")
        let deleted = try shell.run("monitors delete 1 \(id) --yes")
        #expect(deleted.listItems?.first?.recordValue?["deleted"] == true)
        #expect(try shell.run("monitors 1 | where id == '\(id)' | count") == 0)
    }

    @Test("a monitor from the pipe is read again by monitors show, on v4.0 and on 4.17 (under its callback)")
    func showFromThePipe() throws {
        let shell = try APIShell()
        let made = try shell.run("monitors create 1 --label piped --callback https://my.dn/p --data low:vehicle.energy.electric.level:lt:20")
        let id = try #require(made.recordValue?["monitorId"]?.text)
        #expect(try shell.run("monitors 1 | where id == '\(id)' | first | monitors show | get id") == .string(id))
        shell.api.apiVersionOverride = .v417
        let callback = try shell.run("callbacks create --label piped --target https://my.dn/p417 | get callbackId").text
        _ = try shell.run("monitors create 1 --callback-id \(callback) --label piped417 --data low:vehicle.energy.electric.level:lt:20")
        #expect(try shell.run("monitors 1 | where monitor.label == piped417 | first | monitors show | get monitor.label") == "piped417")
    }

    @Test("the seed's original body with --file is refused locally: both repeated name keys and the unbalanced parenthesis, no request")
    func seedFileRefused() throws {
        let shell = try APIShell()
        let fixture = try String(contentsOfFile: Self.fixturePath("quickstart-monitor.json"), encoding: .utf8)
        try shell.shell.write("monitor.json", fixture)
        let before = shell.requests.count
        let error = try #require(shell.shell.failure("monitors create 0 --file monitor.json"))
        #expect(shell.requests.count == before, "nothing sent, not even the vehicle lookup")
        let all = [error] + error.related
        let duplicates = all.filter { $0.message.hasPrefix("duplicate key 'name' in $.triggerParam.triggers[0]") }
        #expect(duplicates.count == 2)
        let parenthesis = try #require(all.first { $0.message.contains("'(' at column 1 is never closed") })
        #expect(parenthesis.message.hasPrefix("$.triggerParam.bool.exp: "))
        for each in all {
            #expect(each.source?.name == "monitor.json")
            #expect(each.exitStatus == ExitStatus.usage)
        }
        let source = try #require(parenthesis.source)
        let line = try #require(parenthesis.range.map { source.location($0.start) })
        #expect(line.line == 75 && line.column == 18, "under the first '(' of the expression")
        #expect(duplicates.first?.range.map { source.location($0.start).line } == 49)
        #expect(all.last?.hint?.contains("nothing was sent") == true)
    }

    @Test("--expr problems point at their column in the script; other problems at the flag that made them")
    func placedProblems() throws {
        let shell = try APIShell()
        let line = "monitors create 0 --label x --callback https://x.example/hook --data a:vehicle.odometer:gt:5 --expr '(a & b'"
        let unbalanced = try #require(shell.shell.failure(line))
        #expect(unbalanced.message.hasPrefix("--expr: $.triggerParam.bool.exp: unbalanced parentheses"))
        #expect(unbalanced.range?.start == line.utf8.count - 7, "under the '('")
        let unknown = try #require(shell.shell.failure(line.replacingOccurrences(of: "'(a & b'", with: "'a & b'")))
        #expect(unknown.message.contains("'b' is not the name of a trigger"))
        #expect(unknown.range?.start == line.utf8.count - 3, "under the b")
        let radius = "monitors create 0 --label x --callback https://x.example/hook --zone home:in:48.8,2.3:-1"
        let zone = try #require(shell.shell.failure(radius))
        #expect(zone.message == "--zone: $.triggerParam.triggers[0].zone.place.radius: must be a distance in km above 0, got -1.0")
        #expect(zone.range == SourceRange(radius.utf8.count - 19, radius.utf8.count))
        let missing = try #require(shell.shell.failure("monitors create 0 --zone home:in:48.8,2.3:1"))
        #expect(missing.message.hasPrefix("monitor body: $.label: is required"))
        #expect(missing.related.map(\.message).contains { $0.hasPrefix("monitor body: $.subscribeParam: is required") })
    }

    @Test("builder flags with a bad shape name the flag and show an example")
    func flagSyntax() throws {
        let shell = try APIShell()
        let example = "for example: "
        let cases: [(flags: String, message: String, hint: String)] = [
            ("--zone home:48.8,2.3:1", "--zone 'home:48.8,2.3:1' is not NAME:in|out:LAT,LON:RADIUS_KM", example),
            ("--zone home:inside:48.8,2.3:1", "--zone 'home:inside:48.8,2.3:1': 'inside' is not in or out", "in fires when"),
            ("--time t:Someday:14h:1h", "--time 't:Someday:14h:1h': 'Someday' is not a list of days", "write days as"),
            ("--time t:Mon:2pm:1h", "--time 't:Mon:2pm:1h': start and duration are written like 14h30, 4h, 90m or PT14H30M", example),
            ("--data low:vehicle.autonomy", "--data 'low:vehicle.autonomy' is not NAME:DATUM:OP[:VALUE,…]", example),
            ("--retry sometimes", "--retry 'sometimes' is not POLICY[:TRIES:DELAY_S] with POLICY none, bounded or always", example),
            ("--batch ten", "--batch 'ten' is not SIZE[:WINDOW_S]", example),
            ("--header Authorization", "--header 'Authorization' is not NAME=VALUE", example),
        ]
        for (flags, message, hint) in cases {
            let error = try #require(shell.shell.failure("monitors create 0 --label x \(flags)"), "\(flags)")
            #expect(error.message == message)
            #expect(error.hint?.hasPrefix(hint) == true, "\(error.hint ?? "no hint")")
            #expect(error.exitStatus == ExitStatus.usage)
        }
    }

    @Test("time and day shorthands become the API's ISO durations and day names")
    func shorthands() throws {
        let shell = try APIShell()
        let body = try shell.run(
            "monitors create 0 --label x --callback https://x.example/h --time w:mon-fri:18h:90m --time s:sat,Sun:PT9H:45m --expr 'w | s' --dry-run | get body.triggerParam.triggers"
        )
        let first = body.listItems?.first?.recordValue?["time"]?.recordValue?["times"]?.listItems?.first?.recordValue
        #expect(first?["start"] == "PT18H")
        #expect(first?["duration"] == "PT1H30M")
        #expect(first?["occurence"]?.recordValue?["day"] == ["Mon", "Tue", "Wed", "Thu", "Fri"])
        #expect(body.listItems?.last?.recordValue?["time"]?.recordValue?["time.zone"] == nil, "no time zone unless given")
        #expect(
            body.listItems?.last?.recordValue?["time"]?.recordValue?["times"]?.listItems?.first?.recordValue?["occurence"]?.recordValue?["day"]
                == ["Sat", "Sun"])
    }

    @Test("pause, resume, update (flags change only what they name), a piped body, and delete from the pipe")
    func lifecycle() throws {
        let shell = try APIShell()
        _ = try shell.run("let m = (monitors template | monitors create 2)")
        let id = try #require(try shell.run("$m | get monitorId").text.nilIfEmpty)
        #expect(try shell.run("$m | monitors pause | get 0.status") == "Paused")
        #expect(try shell.run("monitors show 2 \(id) | get status") == "Paused")
        #expect(try shell.run("monitors resume 2 \(id) | get 0.status") == "Running")
        _ = try shell.run("monitors update 2 \(id) --refresh 900 --label renamed")
        let body = try shell.run("monitors show 2 \(id) | get monitor")
        #expect(body.recordValue?["label"] == "renamed")
        #expect(body.recordValue?["subscribeParam"]?.recordValue?["refreshEvent"] == 900)
        #expect(body.recordValue?["triggerParam"] == (try shell.run("monitors template | get triggerParam")), "untouched parts stay")
        _ = try shell.run("monitors template | monitors update 2 \(id)")
        #expect(try shell.run("monitors show 2 \(id) | get monitor.label") == "IDF zone monitor with data triggering")
        #expect(try shell.run("monitors 2 | monitors delete --yes | count") == 1)
        #expect(try shell.run("monitors 2 | count") == 0)
    }

    @Test("delete asks when someone can answer, and needs --yes when nobody can")
    func deleteConfirmation() throws {
        let shell = try APIShell()
        _ = try shell.run("let m = (monitors template | monitors create 0)")
        let refused = try #require(shell.shell.failure("$m | monitors delete"))
        #expect(refused.message == "'monitors delete' needs --yes here: there is nobody to ask")
        var questions: [String] = []
        shell.shell.interpreter.ask = { question, _ in
            questions.append(question)
            return "n"
        }
        #expect(try shell.run("monitors 0 | monitors delete") == .list([]))
        #expect(questions == ["delete monitor 'IDF zone monitor with data triggering' (\(try shell.run("$m | get monitorId").text))? [y/N] "])
        #expect(try shell.run("monitors 0 | count") == 1, "kept")
        shell.shell.interpreter.ask = { _, _ in "y" }
        #expect(try shell.run("$m | monitors delete | count") == 1)
        #expect(try shell.run("monitors 0 | count") == 0)
    }

    static func fixturePath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ShellTests/Fixtures/\(name)").path
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
