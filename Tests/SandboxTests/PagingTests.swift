import Foundation
import Sandbox
import TestSupport
import Testing

/// HAL collections (docs/api.md §4.3–4.4): following `next` visits every item once; windows, sizes and filters.
@Suite
struct PagingTests {
    @Test("following next across 130 alerts visits each once, for several page sizes", arguments: [1, 7, 60])
    func alertsOnce(pageSize: Int) throws {
        let client = APIClient(try InProcessSandbox(vehicles: 7, alerts: 130, trips: 9))
        let vehicle = client.endpoints.vehicles[0].id
        let (items, pages) = try client.walk("/user/vehicles/\(vehicle)/alerts", key: "alerts", query: [("pageSize", String(pageSize))])
        let ids = items.compactMap { $0["id"]?.string }
        #expect(ids.count == 130)
        #expect(Set(ids).count == 130)
        #expect(pages == (130 + pageSize - 1) / pageSize)
        let starts = items.compactMap { $0["startedAt"]?.string }
        #expect(starts == starts.sorted(by: >), "most recent first")
    }

    @Test("page envelope: total, totalPage, currentPage, self/first/last, next/prev only where they belong")
    func envelope() throws {
        let client = APIClient(try InProcessSandbox(vehicles: 7, alerts: 130, trips: 9))
        let first = try client.api("/user/vehicles", query: [("pageSize", "3")])
        #expect(first.json["total"] == .int(7))
        #expect(first.json["totalPage"] == .int(3))
        #expect(first.json["currentPage"] == .int(1))
        let links = try #require(first.json["_links"])
        #expect(links.members?.map(\.0) == ["self", "first", "next", "last"])
        let last = try client.api(try #require(links["last"]?["href"]?.string))
        #expect(last.json["currentPage"] == .int(3))
        #expect(last.json["_links"]?["next"] == nil)
        #expect(last.json["_links"]?["prev"] != nil)
        #expect(last.json["_embedded"]?["vehicles"]?.array?.count == 1)
        let token = try #require(links["next"]?["href"]?.string?.components(separatedBy: "pageToken=").last)
        #expect(token.count < 80, "opaque and short like production's")
    }

    @Test("indexRange windows the results: 1-3 is three items, 5- runs to the end, 4 is one item")
    func indexRange() throws {
        let client = APIClient(try InProcessSandbox(vehicles: 7, alerts: 130, trips: 9))
        let all = try client.walk("/user/vehicles", key: "vehicles").items.compactMap { $0["id"]?.string }
        for (range, expected) in [("1-3", Array(all[1...3])), ("5-", Array(all[5...])), ("4", [all[4]]), ("6-99", [all[6]]), ("9-", [])] {
            let (items, _) = try client.walk("/user/vehicles", key: "vehicles", query: [("indexRange", range), ("pageSize", "2")])
            #expect(items.compactMap { $0["id"]?.string } == expected, "indexRange=\(range)")
        }
    }

    @Test("timestamps keep the items inside the intervals, across pages")
    func timestamps() throws {
        let client = APIClient(try InProcessSandbox(vehicles: 7, alerts: 130, trips: 9))
        let vehicle = client.endpoints.vehicles[1].id
        let all = try client.walk("/user/vehicles/\(vehicle)/alerts", key: "alerts").items
        let times = all.compactMap { $0["startedAt"]?.string }
        let (from, to) = (times[40], times[10])
        let (inside, _) = try client.walk(
            "/user/vehicles/\(vehicle)/alerts", key: "alerts", query: [("timestamps", "\(from)/\(to)"), ("pageSize", "7")])
        #expect(inside.compactMap { $0["startedAt"]?.string } == Array(times[10...40]))
        let (two, _) = try client.walk(
            "/user/vehicles/\(vehicle)/alerts", key: "alerts",
            query: [("timestamps", "\(times[5])/"), ("timestamps", "/\(times[125])")])
        #expect(two.count == 6 + 5)
        let offset = try client.api("/user/vehicles/\(vehicle)/alerts", query: [("timestamps", "2026-10-01T00:00:00+02:00/P1D")])
        #expect(offset.status == 200)
    }

    @Test("trips, wayPoints (with tolerance), telemetry (pageSize up to 2000) and /user/trips page too")
    func otherCollections() throws {
        let client = APIClient(try InProcessSandbox(vehicles: 7, alerts: 130, trips: 9))
        let vehicle = client.endpoints.vehicles[2].id
        let trips = try client.walk("/user/vehicles/\(vehicle)/trips", key: "trips", query: [("pageSize", "4")]).items
        #expect(trips.count == 9)
        let trip = try #require(trips.first?["id"]?.string)
        let points = try client.walk("/user/vehicles/\(vehicle)/trips/\(trip)/wayPoints", key: "positions", query: [("pageSize", "60")]).items
        #expect(points.count >= 2)
        let reduced = try client.api("/user/vehicles/\(vehicle)/trips/\(trip)/wayPoints", query: [("tolerance", "0.5")])
        #expect(reduced.json["_embedded"]?["reduced"] == .bool(true))
        #expect((reduced.json["total"]?.number ?? 0) < Double(points.count))
        let telemetry = try client.api("/user/vehicles/\(vehicle)/telemetry", query: [("pageSize", "2000")])
        #expect(telemetry.json["total"] == .int(9 * 6))
        #expect(try client.walk("/user/trips", key: "trips", query: [("pageSize", "60")]).items.count == 7 * 9)
        let user = try client.api("/user/trips/\(trip)")
        #expect(user.json["id"]?.string == trip)
    }

    @Test("a page token only works on the collection that made it, and tampering is refused")
    func tokens() throws {
        let client = APIClient(try InProcessSandbox(vehicles: 7, alerts: 130, trips: 9))
        let page = try client.api("/user/vehicles", query: [("pageSize", "2")])
        let next = try #require(page.json["_links"]?["next"]?["href"]?.string)
        let token = try #require(next.components(separatedBy: "pageToken=").last)
        let elsewhere = try client.api("/user/vehicles/\(client.endpoints.vehicles[0].id)/alerts", query: [("pageToken", token)])
        #expect(elsewhere.status == 400)
        #expect(elsewhere.json["message"]?.string?.contains("pageToken") == true)
        let tampered = try client.api("/user/vehicles", query: [("pageToken", "x" + token)])
        #expect(tampered.status == 400)
    }
}
