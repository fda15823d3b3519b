import APIContract
import Sandbox
import Testing

/// Time triggers' windows, in their time zone: days, ISO weeks, windows past midnight, daylight saving time, and
/// one-off windows from an absolute start.
@Suite struct TimeWindowTests {
    func windows(_ json: String, madeAt: Int = Timestamp.epoch(year: 2026, month: 11, day: 1)) throws -> TimeWindows {
        TimeWindows(try JSONParser.parse(Array(json.utf8)), madeAt: madeAt)
    }

    func at(_ text: String) throws -> Int { try #require(Timestamp.parse(text)) }

    @Test("a Daily window on Mondays, 14:30 for 4h30 in Paris")
    func mondays() throws {
        let w = try windows(
            #"{"timeZone": "Europe/Paris", "times": [{"recurrence": "Daily", "start": "PT14H30M", "duration": "PT4H30M", "occurence": {"day": ["Mon"]}}]}"#
        )
        #expect(!(w.contains(try at("2026-11-02T13:29:59Z"))))  // Monday 14:29:59 in Paris (UTC+1)
        #expect(w.contains(try at("2026-11-02T13:30:00Z")))
        #expect(w.contains(try at("2026-11-02T17:59:59Z")))
        #expect(!(w.contains(try at("2026-11-02T18:00:00Z"))))
        #expect(!(w.contains(try at("2026-11-03T13:30:00Z"))), "Tuesday")
        #expect(!(w.contains(try at("2026-11-01T13:30:00Z"))), "Sunday")
    }

    @Test("a window past midnight belongs to the day it opened; summer time moves it in UTC")
    func midnightAndSummerTime() throws {
        let w = try windows(
            #"{"timeZone": "Europe/Paris", "times": [{"recurrence": "Daily", "start": "PT22H", "duration": "PT4H", "occurence": {"day": ["Mon"]}}]}"#)
        #expect(w.contains(try at("2026-11-03T00:30:00Z")), "Tuesday 01:30 in Paris, opened Monday 22:00")
        #expect(!(w.contains(try at("2026-11-04T00:30:00Z"))), "Wednesday 01:30: Tuesday is not a day of it")
        #expect(w.contains(try at("2026-06-01T20:00:00Z")), "Monday 22:00 in Paris in June is 20:00 UTC")
        #expect(!(w.contains(try at("2026-06-01T19:59:00Z"))))
    }

    @Test("ISO weeks: w45 and w44-w44; the week of a day is the week of its Thursday")
    func weeks() throws {
        let w = try windows(
            #"{"timeZone": "UTC", "times": [{"recurrence": "Daily", "start": "PT0H", "duration": "PT24H", "occurence": {"day": ["Mon", "Sun"], "week": ["w45"]}}]}"#
        )
        #expect(w.contains(try at("2026-11-02T12:00:00Z")), "Monday of week 45")
        #expect(!(w.contains(try at("2026-11-01T12:00:00Z"))), "Sunday 1 November is in week 44")
        let range = try windows(
            #"{"timeZone": "UTC", "times": [{"recurrence": "Daily", "start": "PT0H", "duration": "PT24H", "occurence": {"day": ["Sun"], "week": ["w40-w44"]}}]}"#
        )
        #expect(range.contains(try at("2026-11-01T12:00:00Z")))
        #expect(!(range.contains(try at("2026-11-08T12:00:00Z"))))
    }

    @Test("None: from an absolute start, for its duration or open-ended; a time of day counts on the day the monitor was made")
    func oneOff() throws {
        let bounded = try windows(#"{"times": [{"recurrence": "None", "start": "2026-11-05T12:00:00+01:00", "duration": "PT1H"}]}"#)
        #expect(!(bounded.contains(try at("2026-11-05T10:59:59Z"))))
        #expect(bounded.contains(try at("2026-11-05T11:00:00Z")))
        #expect(!(bounded.contains(try at("2026-11-05T12:00:00Z"))))
        let open = try windows(#"{"times": [{"recurrence": "None", "start": "2026-11-05T12:00:00Z"}]}"#)
        #expect(open.contains(try at("2027-11-05T12:00:00Z")))
        let today = try windows(
            #"{"time.zone": "Europe/Paris", "times": [{"recurrence": "None", "start": "PT9H", "duration": "PT1H"}]}"#,
            madeAt: try at("2026-11-03T05:00:00Z"))
        #expect(today.contains(try at("2026-11-03T08:30:00Z")))
        #expect(!(today.contains(try at("2026-11-04T08:30:00Z"))))
    }
}
