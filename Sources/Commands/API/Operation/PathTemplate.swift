import Client
import Foundation
import Shell

/// An API path with typed ids, as a declaration writes it: `/user/vehicles/{vehicle}/trips/{trip}/wayPoints`. Each
/// `{name}` is the vehicle or an item (``ItemResolver/Item``); the runner resolves it from the command's arguments,
/// the pipe or a record's own link, and fills it in percent-encoded.
struct PathTemplate: Sendable, ExpressibleByStringLiteral {
    /// A typed id of a path.
    enum ID: Sendable {
        case vehicle
        case item(ItemResolver.Item)

        /// Its name in a template: `vehicle`, `trip`, `alert`, `alarm`, `monitor`, `callback`, `remote`.
        var name: String {
            switch self {
            case .vehicle: "vehicle"
            case .item(let item): item.placeholder
            }
        }
    }

    /// One segment of the path: written as is, or an id.
    enum Segment: Sendable {
        case literal(String)
        case id(ID)
    }

    let segments: [Segment]

    /// Reads a template; a `{name}` that is not an id ccsh knows is a mistake in a declaration, caught by the tests
    /// that build every command.
    init(stringLiteral text: String) {
        segments = text.split(separator: "/").map { part in
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return .literal(String(part)) }
            let name = String(part.dropFirst().dropLast())
            if name == "vehicle" { return .id(.vehicle) }
            guard let item = ItemResolver.Item.all.first(where: { $0.placeholder == name }) else {
                preconditionFailure("'{\(name)}' in a path template is not an id (vehicle, \(ItemResolver.Item.all.map(\.placeholder)))")
            }
            return .id(.item(item))
        }
    }

    /// The ids, in order.
    var ids: [ID] {
        segments.compactMap { segment in
            if case .id(let id) = segment { return id }
            return nil
        }
    }

    /// Whether the path lies under a vehicle.
    var hasVehicle: Bool { ids.contains { $0.name == "vehicle" } }

    /// The path with the ids filled in (percent-encoded); an id missing is shown as its placeholder (`CBID`), as
    /// `--curl` shows what it could not look up without sending.
    func filled(_ values: [String: String]) -> String {
        "/"
            + segments.map { segment in
                switch segment {
                case .literal(let text): text
                case .id(let id): values[id.name].map(URLEncoding.encode) ?? id.placeholderText
                }
            }.joined(separator: "/")
    }

    /// The ids a link names, when its path (after the API base) starts like this template up to its last id:
    /// `…/user/vehicles/V/trips/T` gives the vehicle and the trip of `…/trips/{trip}/wayPoints`. Nil when it does
    /// not match.
    func ids(inLink link: String) -> [String: String]? {
        let withoutQuery = link.split(separator: "?", maxSplits: 1).first.map(String.init) ?? link
        let parts = withoutQuery.split(separator: "/").map(String.init)
        guard let lastID = segments.lastIndex(where: { if case .id = $0 { true } else { false } }),
            let start = parts.firstIndex(of: "user")
        else { return nil }
        let wanted = segments[...lastID]
        let found = parts[start...]
        guard found.count == wanted.count else { return nil }
        var values: [String: String] = [:]
        for (segment, part) in zip(wanted, found) {
            switch segment {
            case .literal(let text): if text != part { return nil }
            case .id(let id): values[id.name] = part.removingPercentEncoding ?? part
            }
        }
        return values
    }
}

extension PathTemplate.ID {
    /// How `--curl` writes an id it did not look up: `CBID`, `RID`.
    var placeholderText: String {
        switch self {
        case .vehicle: "VEHICLE_ID"
        case .item(let item): item.curlPlaceholder
        }
    }
}

extension PathTemplate {
    /// Below a vehicle's `{callback}` (API 4.17): the collection's name and, for one item, the name of its id —
    /// `monitors` and `monitor` in `/user/vehicles/{vehicle}/callbacks/{callback}/monitors/{monitor}`.
    var belowCallback: (resource: String, item: String?)? {
        guard let index = segments.firstIndex(where: { if case .id(.item(let item)) = $0 { item.placeholder == "callback" } else { false } }),
            hasVehicle, index + 1 < segments.count, case .literal(let resource) = segments[index + 1]
        else { return nil }
        if index + 2 < segments.count, case .id(let id) = segments[index + 2] { return (resource, id.name) }
        return (resource, nil)
    }

    /// The collection an item of this path is listed in: the template up to the segment before its id
    /// (`/user/vehicles/{vehicle}/trips` for `{trip}`).
    func listing(of item: ItemResolver.Item) -> PathTemplate? {
        guard let index = segments.firstIndex(where: { if case .id(.item(let found)) = $0 { found.placeholder == item.placeholder } else { false } })
        else { return nil }
        return PathTemplate(segments: Array(segments[..<index]))
    }

    private init(segments: [Segment]) { self.segments = segments }
}
