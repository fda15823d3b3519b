import APIContract
import Testing

@testable import History

/// When `record` reads each car (docs/history.md, "When record reads"), and its share of the day quota.
@Suite struct RecordScheduleTests {
    @Test("each car's pace follows its state: driving 1 min, charging 5, parked with news 10, asleep 30")
    func paces() {
        var schedule = RecordSchedule(vehicles: ["a", "b", "c", "d"], share: 0.5)
        #expect(schedule.due(at: 0).map(\.vehicle) == ["a", "b", "c", "d"])
        #expect(schedule.due(at: 0).allSatisfy { $0.sync }, "the first read syncs trips and alerts")
        schedule.read("a", at: 0, driving: true, charging: false, reportedAt: 0, synced: true)
        schedule.read("b", at: 0, driving: false, charging: true, reportedAt: 0, synced: true)
        schedule.read("c", at: 0, driving: false, charging: false, reportedAt: -600, synced: true)
        schedule.read("d", at: 0, driving: false, charging: false, reportedAt: -7200, synced: true)
        #expect(schedule.due(at: 59).isEmpty)
        #expect(schedule.due(at: 60).map(\.vehicle) == ["a"])
        #expect(schedule.due(at: 300).map(\.vehicle) == ["a", "b"])
        #expect(schedule.due(at: 600).map(\.vehicle) == ["a", "b", "c"])
        #expect(schedule.due(at: 1800).map(\.vehicle) == ["a", "b", "c", "d"])
        #expect(schedule.nextDue == 60)
    }

    @Test("a car that sends notifications: read 4 times less often for a day; a status in one is a read, none makes it due")
    func notified() throws {
        var schedule = RecordSchedule(vehicles: ["a", "b"], share: 0.5)
        schedule.read("a", at: 0, driving: false, charging: false, reportedAt: -7200, synced: true)
        schedule.read("b", at: 0, driving: false, charging: false, reportedAt: -7200, synced: true)
        // A notification without a status: due at once, but no sooner than a minute after the last read.
        schedule.notified("a", at: 30, status: nil)
        #expect(schedule.due(at: 59).isEmpty)
        #expect(schedule.due(at: 60).map(\.vehicle) == ["a"])
        schedule.read("a", at: 60, driving: false, charging: false, reportedAt: -7200, synced: false)
        #expect(schedule.due(at: 60 + 4 * 1800 - 1).map(\.vehicle) == ["b"], "asleep and notified: every 2 hours, not 30 minutes")
        #expect(schedule.due(at: 60 + 4 * 1800).map(\.vehicle) == ["b", "a"])
        // A notification carrying the status is that read: charging, every 20 minutes.
        let status = StatusReading(
            try JSONParser.parse(
                Array(
                    #"{"updatedAt": "2026-11-03T08:00:00Z", "energies": [{"type": "Electric", "extension": {"electric": {"charging": {"status": "InProgress"}}}}]}"#
                        .utf8)))
        schedule.notified("b", at: 100, status: status)
        #expect(schedule.due(at: 100 + 4 * 300 - 1).map(\.vehicle).contains("b") == false)
        #expect(schedule.due(at: 100 + 4 * 300).map(\.vehicle).contains("b"))
        // A day after its last notification, a car is read at its own pace again.
        schedule.read("b", at: 100 + 86_400, driving: false, charging: false, reportedAt: -7200, synced: false)
        #expect(schedule.due(at: 100 + 86_400 + 1800).map(\.vehicle).contains("b"))
    }

    @Test("trips and alerts: synced on the first read, then every 6 hours, and at once when a drive has ended")
    func sync() {
        var schedule = RecordSchedule(vehicles: ["a"], share: 0.5)
        schedule.read("a", at: 0, driving: true, charging: false, reportedAt: 0, synced: true)
        #expect(schedule.due(at: 60) == [.init(vehicle: "a", sync: false)])
        schedule.read("a", at: 60, driving: false, charging: false, reportedAt: 60, synced: false)
        #expect(schedule.due(at: 660) == [.init(vehicle: "a", sync: true)], "the drive ended: its trip is the news")
        schedule.read("a", at: 660, driving: false, charging: false, reportedAt: 60, synced: true)
        #expect(schedule.due(at: 660 + 1800) == [.init(vehicle: "a", sync: false)])
        #expect(schedule.due(at: 6 * 3600 + 660) == [.init(vehicle: "a", sync: true)])
    }

    @Test("the longest overdue car is read first: when the share holds reads back, a driving car does not starve the others")
    func overdueFirst() {
        var schedule = RecordSchedule(vehicles: ["driving", "charging"], share: 0.5)
        schedule.read("charging", at: 0, driving: false, charging: true, reportedAt: 0, synced: true)
        schedule.read("driving", at: 250, driving: true, charging: false, reportedAt: 250, synced: true)
        #expect(schedule.due(at: 305).map(\.vehicle) == ["charging"])
        #expect(schedule.due(at: 900).map(\.vehicle) == ["charging", "driving"], "due since 300, before the driving car's 310")
    }

    @Test("the bucket: however the reads come, no 24 hours see more than the share of the day quota")
    func share() {
        var schedule = RecordSchedule(vehicles: ["a"], share: 0.5)
        #expect(schedule.wait(at: 0) == 0, "no quota known yet: not paced")
        schedule.quota(limit: 1000, at: 0)
        // A greedy reader: three requests a read, every second it is allowed to, for two days.
        var sent: [Double] = []
        var now = 0.0
        while now < 2 * 86_400 {
            let pause = schedule.wait(at: now)
            if pause == 0 {
                schedule.spent(3, at: now)
                sent += [now, now, now]
                now += 1
            } else {
                now += pause
            }
        }
        let most = sent.indices.map { i in sent[i...].prefix { $0 < sent[i] + 86_400 }.count }.max() ?? 0
        #expect(most <= 500 + 2, "\(most) requests in one 24 hours")
        #expect(most >= 480, "the share is used, not wasted: \(most)")
    }

    @Test("other clients' use: room for the recorder only while more than the other half remains")
    func room() {
        let schedule = RecordSchedule(vehicles: [], share: 0.5)
        #expect(schedule.leavesRoom(limit: 1000, remaining: 900))
        #expect(!schedule.leavesRoom(limit: 1000, remaining: 500))
        #expect(RecordSchedule(vehicles: [], share: 0.25).leavesRoom(limit: 1000, remaining: 760))
    }
}
