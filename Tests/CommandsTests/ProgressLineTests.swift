import Testing

@testable import Commands
@testable import ccsh

/// The remote progress line stays one line at any width: the oldest statuses go first (README, The interactive
/// shell; a wrapped line rewritten in place left its first rows on the screen).
@Suite struct ProgressLineTests {
    static let flood = Array(repeating: ["Accepted", "WakingUpVehicle"], count: 15).flatMap { $0 } + ["SentToVehicle"]

    @Test("30 status changes fit 80 and 160 columns, the latest kept, the cut marked", arguments: [80, 160])
    func fits(columns: Int) {
        let line = ProgressLine.remoteLine(Self.flood, seconds: 42, width: columns - 1)
        #expect(line.count <= columns - 1, "\(line)")
        #expect(line.hasPrefix("remote: … → "))
        #expect(line.hasSuffix("WakingUpVehicle → SentToVehicle, 42 s"))
    }

    @Test("a short chain is shown whole")
    func short() {
        #expect(ProgressLine.remoteLine(["Accepted", "Success"], seconds: 3, width: 79) == "remote: Accepted → Success, 3 s")
    }

    @Test("each status change is shown once: a listener's repeated history and repeated polls add nothing")
    func onceEach() {
        var seen = RemoteWait.merged([], ["Accepted", "WakingUpVehicle"])
        for _ in 0..<30 { seen = RemoteWait.merged(seen, ["Accepted", "WakingUpVehicle"]) }
        seen = RemoteWait.merged(seen, ["WakingUpVehicle"])
        seen = RemoteWait.merged(seen, ["Accepted", "WakingUpVehicle", "Accepted", "SentToVehicle", "Success"])
        #expect(seen == ["Accepted", "WakingUpVehicle", "SentToVehicle", "Success"])
        #expect(ProgressLine.remoteLine(seen, seconds: 12, width: 79) == "remote: Accepted → WakingUpVehicle → SentToVehicle → Success, 12 s")
    }
}
