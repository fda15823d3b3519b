import APIContract
import Client
import Foundation
import Shell

/// `sandbox clock|advance|car|truth|drive|plug|stop|set|deliveries|quota`: the sandbox's own controls (`/_control`,
/// no token): its world's clock, its cars and what really happened to them, what it delivered to callbacks, and
/// how much of its day quota was spent. A test or a demo moves the world with them —
/// drive a car out of Paris, let an hour pass — instead of waiting. Only for a sandbox: the API must be on this
/// machine (a loopback address), so nothing is ever sent to a real API's host.
struct SandboxControlCommand: Command {
    enum Action: String, CaseIterable { case clock, advance, car, truth, drive, plug, stop, set, deliveries, quota }

    let api: APIContext
    let action: Action

    var signature: Signature {
        let name = "sandbox \(action.rawValue)"
        switch action {
        case .clock:
            return Signature(name, summary: "The sandbox world's time and how fast it runs; --scale changes the pace.")
                .flag("scale", .number, "Simulated seconds per second from now on: 0 stands the world still, 60 runs a minute a second.")
                .example("sandbox clock | get scale", "How many simulated seconds pass each second (0: the world stands still).")
                .output("record: time, seconds, scale")
        case .advance:
            return Signature(name, summary: "Move the sandbox world forward at once: cars drive, charge and drain, monitors fire.")
                .required("duration", .string, "How far: 90s, 30m, 2h, 1d, or ISO 8601 (PT1H).")
                .example("sandbox advance 1s | get scale", "One simulated second later.")
                .output("record: the clock")
        case .car:
            return Signature(name, summary: "A sandbox car's state: where, how fast, its levels, doors, plug and trip.")
                .required("vehicle", .vehicle)
                .example("sandbox car 0 | get state.locked", "Whether the first car is locked.")
                .output("record")
        case .truth:
            return Signature(name, summary: "What really happened to a sandbox car: its charge sessions, drives and parked periods.")
                .required("vehicle", .vehicle)
                .example("sandbox truth 0 | get charges | count", "How many times the first car charged since the world began.")
                .output("record: charges, drives (listed or not by the API), parked")
        case .drive:
            return Signature(name, summary: "Send a sandbox car on a drive: to a place, a point, or along a named route.")
                .required("vehicle", .vehicle)
                .flag("to", .string, "Where: a place (paris, versailles, …) or LAT,LON.")
                .flag("via", .string, repeatable: true, "A point on the way, LAT,LON or a place.")
                .flag("route", .string, "A named route instead: out-of-paris, paris-versailles, versailles-paris, back-to-paris.")
                .flag("speed", .number, "km/h (default 50).")
                .example("sandbox drive 4 --to versailles | get state.drive.speed", "The last car sets off for Versailles at 50 km/h.", result: 50)
                .output("record: the car's state")
        case .plug:
            return Signature(name, summary: "Plug a sandbox car in (it starts charging) or, with --off, unplug it.")
                .required("vehicle", .vehicle)
                .switch("off", "Unplug it.")
                .example("sandbox plug 1 | get state.plugged", "The second car on its charger.", result: true)
                .output("record: the car's state")
        case .stop:
            return Signature(name, summary: "End a sandbox car's drive where it is (its trip is recorded).")
                .required("vehicle", .vehicle)
                .example("sandbox stop 4 | get state.odometer", "Stop the last car; how far it has driven in all.")
                .output("record: the car's state")
        case .set:
            return Signature(name, summary: "Change a sandbox car at once: position, levels, doors, privacy, outside temperature.")
                .required("vehicle", .vehicle)
                .rest(
                    "fields", .string,
                    "KEY=VALUE: position=LAT,LON or a place, electricLevel=0..100, fuelLevel=0..100, locked=true|false, privacy=None|Geolocation|Full, airTemperature=°C."
                )
                .example("sandbox set 0 fuelLevel=15 airTemperature=4 | get state.fuelLevel", "Little fuel left, on a cold day.", result: 15)
                .output("record: the car's state")
        case .deliveries:
            return Signature(name, summary: "What the sandbox posted to callbacks: each post, its status, and what waits.")
                .example("sandbox deliveries | get pending", "Notifications not yet delivered.")
                .output("record")
        case .quota:
            return Signature(name, summary: "The sandbox's day quota: its limit and the API requests of the last 24 hours of its world.")
                .example("sandbox quota | get used", "How many API requests the sandbox counted in its world's last 24 hours.")
                .output("record: limit, used, remaining")
        }
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let origin = try sandboxOrigin(call)
        switch action {
        case .clock:
            guard let scale = call.value("scale") else { return .value(try control(origin, "clock")) }
            return .value(try control(origin, "clock", body: .record(Record([.init(name: "scale", value: scale)]))))
        case .deliveries: return .value(try control(origin, "deliveries"))
        case .quota: return .value(try control(origin, "quota"))
        case .advance:
            let text = call.string("duration") ?? ""
            guard let seconds = DurationText.seconds(text) else {
                throw call.error("'\(text)' is not a duration", hint: "write 90s, 30m, 2h, 1d or PT1H", argument: "duration", code: .badArgument)
            }
            return .value(try control(origin, "clock", body: .record(Record([.init(name: "advance", value: .double(seconds))]))))
        case .truth:
            return .value(try control(origin, "vehicles/" + URLEncoding.encode(try VehicleArgument.id(call, input: input, api: api)) + "/truth"))
        default:
            let car = "vehicles/" + URLEncoding.encode(try VehicleArgument.id(call, input: input, api: api))
            guard let body = try self.body(call) else { return .value(try control(origin, car)) }
            return .value(try control(origin, car, body: body))
        }
    }

    /// The change a car command asks for (nil for `car`, which only reads).
    private func body(_ call: Call) throws -> Value? {
        switch action {
        case .plug: return ["plug": .bool(!call.isSet("off"))]
        case .stop: return ["stop": true]
        case .drive:
            var drive = Record()
            if let route = call.string("route") { drive["route"] = .string(route) }
            if let to = call.string("to") { drive["to"] = Self.place(to) }
            if let via = call.flagValues["via"] { drive["via"] = .list(via.map { Self.place($0.value.text) }) }
            if let speed = call.value("speed") { drive["speed"] = speed }
            guard drive["route"] != nil || drive["to"] != nil else {
                throw call.error("'sandbox drive' needs --to or --route", hint: "e.g. `sandbox drive 0 --to versailles`", code: .badArgument)
            }
            return .record(Record([.init(name: "drive", value: .record(drive))]))
        case .set:
            var fields = Record()
            for bound in call.rest {
                let text = bound.value.text
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw ShellError(.badArgument, "'\(text)' is not KEY=VALUE", hint: "e.g. fuelLevel=15 or locked=true", at: bound.range)
                }
                let key = String(text[..<equals])
                let value = String(text[text.index(after: equals)...])
                fields[key] = key == "position" ? Self.place(value) : Self.scalar(value)
            }
            guard !fields.fields.isEmpty else {
                throw call.error("'sandbox set' needs KEY=VALUE fields", hint: "e.g. `sandbox set 0 electricLevel=20`", code: .badArgument)
            }
            return .record(Record([.init(name: "set", value: .record(fields))]))
        default: return nil
        }
    }

    /// `48.80,2.12` → `[2.12, 48.80]` (the control API's [lon, lat]); anything else is a place name.
    private static func place(_ text: String) -> Value {
        let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return parts.count == 2 ? .list([.double(parts[1]), .double(parts[0])]) : .string(text)
    }

    /// `true`, `15`, `4.5`, or the text.
    private static func scalar(_ text: String) -> Value {
        if text == "true" || text == "false" { return .bool(text == "true") }
        if let number = Int(text) { return .int(number) }
        if let number = Double(text) { return .double(number) }
        return .string(text)
    }

    /// `https://127.0.0.1:PORT` of the API in use, when it is a sandbox on this machine.
    private func sandboxOrigin(_ call: Call) throws -> String {
        let base = try api.session.profile.apiBase
        guard let url = URL(string: base), let host = url.host, ["127.0.0.1", "localhost", "::1"].contains(host), let scheme = url.scheme else {
            throw call.error(
                "'\(call.name)' controls a sandbox, and this profile's API is \(base)",
                hint: "start ccsh with --sandbox, or use a profile whose api_base is a sandbox on this machine")
        }
        return "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)" + (url.port.map { ":\($0)" } ?? "")
    }

    private func control(_ origin: String, _ path: String, body: Value? = nil) throws -> Value {
        let bytes = body.map { Array($0.jsonText.utf8) }
        return try api.send(APIRequest(body == nil ? "GET" : "POST", "\(origin)/_control/\(path)", body: bytes))
    }
}
