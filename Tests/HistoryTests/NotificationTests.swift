import APIContract
import Foundation
import Testing

@testable import History

/// Notifications in both shapes the API posts, read and kept: once each, their documents in their tables, a remote
/// action's outcome never undone by a late step.
@Suite struct NotificationTests {
    static let vin = "VR3UHZKXZLT000001"

    static func json(_ text: String) throws -> JSON { try JSONParser.parse(Array(text.utf8)) }

    /// A 4.17 monitor message of the car with `vin` (a Body attribute), its status at `updatedAt`, level `level`.
    static func monitorMessage(vin: String = vin, updatedAt: String, level: Int) throws -> JSON {
        try json(
            """
            {"callbackId": "cb1", "type": "Monitor", "date": "\(updatedAt)", "attributes": [{"key": "vin", "value": "\(vin)"}],
             "monitorEvent": {"monitorId": "m1", "refresh": false,
              "values": [{"data": "vehicle.energy.charging.status", "value": {"type": "string", "body": {"literalValue": "InProgress"}}}],
              "extensions": [
                {"type": "vehicle.status", "body": [{"status": {"updatedAt": "\(updatedAt)", "energies": [{"type": "Electric", "level": \(level)}]}}]},
                {"type": "vehicle.position", "body": [{"position": {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.35, 48.85]},
                  "properties": {"createdAt": "\(updatedAt)"}}}]},
                {"type": "vehicle.alerts", "body": [{"alerts": [{"id": "al1", "type": "BatteryLow", "active": true, "startedAt": "\(updatedAt)"}]}]}]}}
            """)
    }

    static func remoteMessage(_ status: String, at: String, type: String = "Pending", cause: String? = nil) throws -> JSON {
        try json(
            """
            {"callbackId": "cb1", "type": "Remote", "date": "\(at)", "attributes": [{"key": "vin", "value": "\(vin)"}],
             "remoteEvent": {"remoteActionId": "r1", "remoteType": "Doors",
              "eventStatus": {"type": "\(type)", "status": "\(status)"\(cause.map { #", "failureCause": "\#($0)""# } ?? "")}}}
            """)
    }

    @Test("both shapes: a v4.0 body gives one reading an event, with its vin; a 4.17 message its Body attributes' VINs")
    func reading() throws {
        let v40 = try Self.json(
            """
            {"monitorId": "m0", "attributes": [], "events": [
              {"vin": "VR3UHZKXZLT000001", "eventDate": "2026-11-03T08:00:00Z", "values": [],
               "extensions": [{"type": "vehicle.alerts", "body": [{"alert": {"id": "a1"}}, {"alert": {"id": "a2"}}]}]},
              {"vin": "VR3UHZKXZLT000002", "eventDate": "2026-11-03T08:01:00Z", "values": [], "extensions": []}]}
            """)
        let readings = NotificationReading.read(v40)
        #expect(readings.map(\.vins) == [["VR3UHZKXZLT000001"], ["VR3UHZKXZLT000002"]])
        #expect(readings.first?.alerts.count == 2)
        #expect(readings.first?.monitorId == "m0")
        #expect(readings.first?.at == Timestamp.parse("2026-11-03T08:00:00Z"))
        let message = try #require(NotificationReading.read(try Self.monitorMessage(updatedAt: "2026-11-03T08:00:00Z", level: 50)).first)
        #expect(message.kind == "Monitor")
        #expect(message.vins == [Self.vin])
        #expect((message.statuses.count, message.positions.count, message.alerts.count) == (1, 1, 1))
        let remote = try #require(NotificationReading.read(try Self.remoteMessage("Failed", at: "2026-11-03T08:00:00Z", cause: "DoorsOpen")).first)
        #expect((remote.remoteActionId, remote.remoteType, remote.remoteStatus, remote.failureCause) == ("r1", "Doors", "Failed", "DoorsOpen"))
        #expect(NotificationReading.read(try Self.json(#"{"hello": 1}"#)).isEmpty)
        #expect(NotificationReading.looksLikeVIN("cb1") == false)
    }

    @Test("kept once, its status a snapshot, its position and alert in their tables; one naming no recorded car is kept alone")
    func kept() throws {
        try HistoryStoreTests.withStore { store in
            try store.record(vehicle: try Self.json(#"{"id": "car1", "vin": "\#(Self.vin)"}"#), at: 0)
            let message = try Self.monitorMessage(updatedAt: "2026-11-03T08:00:00Z", level: 50)
            let first = try store.record(notification: message, receivedAt: 100)
            #expect(first.isNew && first.vehicles == ["car1"] && first.snapshots == 1)
            #expect(first.statuses["car1"]?.electricLevel == 50)
            #expect(try store.record(notification: message, receivedAt: 110) == NotificationOutcome(isNew: false), "sent again: nothing")
            let counts = try store.read { db in
                try ["notifications", "statusSnapshots", "positions", "alerts"].map { try db.one(Int.self, "SELECT count(*) FROM \($0)") }
            }
            #expect(counts == [1, 1, 1, 1])
            #expect(
                try store.read { db in try db.one(String.self, "SELECT vehicles.id FROM notifications JOIN vehicles ON key = vehicle") } == "car1")
            let stranger = try Self.monitorMessage(vin: "VR3UHZKXZLT999999", updatedAt: "2026-11-03T09:00:00Z", level: 40)
            let alone = try store.record(notification: stranger, receivedAt: 120)
            #expect(alone.isNew && alone.vehicles.isEmpty && alone.snapshots == 0)
            #expect(try store.read { db in try db.one(Int.self, "SELECT count(*) FROM notifications WHERE vehicle IS NULL") } == 1)
            #expect(try store.read { db in try db.one(Int.self, "SELECT count(*) FROM statusSnapshots") } == 1)
        }
    }

    @Test("a remote action's events: its latest status, its failure; an outcome is never undone by a step that comes late")
    func remote() throws {
        try HistoryStoreTests.withStore { store in
            try store.record(vehicle: try Self.json(#"{"id": "car1", "vin": "\#(Self.vin)"}"#), at: 0)
            _ = try store.record(notification: try Self.remoteMessage("Accepted", at: "2026-11-03T08:00:00Z"), receivedAt: 100)
            _ = try store.record(
                notification: try Self.remoteMessage("Failed", at: "2026-11-03T08:00:05Z", type: "Done", cause: "DoorsOpen"), receivedAt: 105)
            _ = try store.record(notification: try Self.remoteMessage("SentToVehicle", at: "2026-11-03T08:00:03Z"), receivedAt: 106)
            let row = try #require(try store.read { db in try db.rows("SELECT * FROM remoteActions").first })
            #expect(row.get("status", as: String.self) == "Failed")
            #expect(row.get("action", as: String.self) == "Doors")
            #expect(row.get("createdAt", as: Int.self) == Timestamp.parse("2026-11-03T08:00:00Z"))
            #expect(row.get("updatedAt", as: Int.self) == Timestamp.parse("2026-11-03T08:00:05Z"))
            let document = try Self.json(try #require(row.get("document", as: String.self)))
            #expect(document["status"]?.string == "Failed")
            #expect(document["failureCause"]?.string == "DoorsOpen")
        }
    }

    @Test("a remote action as the API lists it: its document replaces the one made of events; its times are when it was known")
    func listedRemote() throws {
        try HistoryStoreTests.withStore { store in
            try store.record(vehicle: try Self.json(#"{"id": "car1", "vin": "\#(Self.vin)"}"#), at: 0)
            _ = try store.record(notification: try Self.remoteMessage("Accepted", at: "2026-11-03T08:00:00Z"), receivedAt: 100)
            let listed = try Self.json(
                #"{"remoteActionId": "r1", "type": "Doors", "status": "SentToVehicle", "remote": {"door": {"state": "Locked"}}}"#)
            #expect(try store.record(remoteAction: listed, vehicle: "car1", fetchedAt: 200) == .updated)
            #expect(try store.record(remoteAction: listed, vehicle: "car1", fetchedAt: 210) == .unchanged)
            let done = try Self.json(#"{"remoteActionId": "r1", "type": "Doors", "status": "Success", "remote": {"door": {"state": "Locked"}}}"#)
            #expect(try store.record(remoteAction: done, vehicle: "car1", fetchedAt: 300) == .updated)
            // A list read before the outcome, kept late, does not undo it.
            #expect(try store.record(remoteAction: listed, vehicle: "car1", fetchedAt: 310) == .unchanged)
            let row = try #require(try store.read { db in try db.rows("SELECT * FROM remoteActions").first })
            #expect(row.get("status", as: String.self) == "Success")
            #expect(row.get("createdAt", as: Int.self) == Timestamp.parse("2026-11-03T08:00:00Z"), "when its first event said")
            #expect(row.get("updatedAt", as: Int.self) == 300)
            #expect(try Self.json(try #require(row.get("document", as: String.self)))["remote"]?["door"]?["state"]?.string == "Locked")
            let alarm = try Self.json(
                #"{"id": "al9", "trigger": {"type": "Intrusion", "createdAt": "2026-11-03T02:00:00Z", "startAt": "2026-11-03T02:00:00Z"}}"#)
            #expect(try store.record(alarm: alarm, vehicle: "car1") == .added)
            #expect(try store.record(alarm: alarm, vehicle: "car1") == .unchanged)
            let alarmRow = try #require(try store.read { db in try db.rows("SELECT type, createdAt FROM alarms").first })
            #expect(alarmRow.get("type", as: String.self) == "vehicle.alarm.trigger")
            #expect(alarmRow.get("createdAt", as: Int.self) == Timestamp.parse("2026-11-03T02:00:00Z"))
        }
    }
}
