import APIContract

/// `ccsh-sandbox` flags that change the world before it listens — the same requests as `/_control`, so they are
/// checked the same way: `--drive 0:out-of-paris`, `--drive 0:2.13,48.80`, `--plug 0`, `--unplug 0`,
/// `--set 0:electricLevel=45`, `--advance PT2H`.
extension ControlAPI {
    /// One control request given on the command line.
    package struct Startup: Sendable {
        package var path: String
        package var body: JSON

        /// `flag` is the option's name (`drive`), `value` its argument; nil with a reason when it is malformed.
        package static func parse(_ flag: String, _ value: String) -> Result<Startup, SandboxStartupError> {
            func fail(_ why: String) -> Result<Startup, SandboxStartupError> { .failure(SandboxStartupError("--\(flag) \(value): \(why)")) }
            if flag == "advance" {
                guard let seconds = Double(value) ?? Timestamp.duration(value).map(Double.init) else {
                    return fail("expected seconds or an ISO 8601 duration like PT2H")
                }
                return .success(Startup(path: "clock", body: .obj(["advance": .double(seconds)])))
            }
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            let vehicle = parts.first ?? ""
            let rest = parts.count > 1 ? parts[1] : nil
            guard !vehicle.isEmpty else { return fail("expected the vehicle's number first (0:…)") }
            let path = "vehicles/\(vehicle)"
            switch flag {
            case "plug", "unplug":
                guard rest == nil else { return fail("takes only the vehicle's number") }
                return .success(Startup(path: path, body: .obj(["plug": .bool(flag == "plug")])))
            case "drive":
                guard let target = rest, !target.isEmpty else { return fail("expected VEHICLE:ROUTE, VEHICLE:PLACE or VEHICLE:LON,LAT") }
                let numbers = target.split(separator: ",").compactMap { Double($0) }
                if numbers.count == 2 {
                    return .success(Startup(path: path, body: .obj(["drive": .obj(["to": [.double(numbers[0]), .double(numbers[1])]])])))
                }
                let key = NamedPlaces.routes[target] != nil ? "route" : "to"
                return .success(Startup(path: path, body: .obj(["drive": .obj([key: .string(target)])])))
            case "set":
                guard let assignment = rest, let equals = assignment.firstIndex(of: "=") else { return fail("expected VEHICLE:FIELD=VALUE") }
                let field = String(assignment[..<equals])
                let text = String(assignment[assignment.index(after: equals)...])
                let parsed: JSON = (try? JSONParser.parse(Array(text.utf8))) ?? .string(text)
                return .success(Startup(path: path, body: .obj(["set": .obj([field: parsed])])))
            default: return fail("not a world flag")
            }
        }
    }

    /// Applies one startup request; its refusal stops the sandbox with the API's message.
    package func perform(_ startup: Startup) throws {
        do throws(SandboxError) {
            _ = try handle(SandboxRequest(method: "POST", target: "/\(Self.basePath)/\(startup.path)", headers: [:], body: startup.body.bytes))
        } catch {
            let body = (try? JSONParser.parse(error.response.body)) ?? .null
            let message = body["message"]?.string ?? body["moreInformation"]?.string ?? "refused (\(error.response.status))"
            throw SandboxStartupError("cannot change the world at start: \(message)")
        }
    }
}
