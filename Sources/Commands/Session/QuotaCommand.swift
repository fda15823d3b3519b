import APIContract
import Client
import Foundation
import Shell

/// `quota`: the profile's rate-limit budget as the gateway last told it (the day quota over a sliding 24 hours and
/// the per-second burst, docs/api.md §5.4), what ccsh spent of it — in the last 24 hours and this month, every ccsh
/// process and the recorder together (``UsageLedger``) — and this month's remote actions, each of which wakes the car
/// against the API's monthly wake-up quota. It sends no request.
struct QuotaCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("quota", summary: "Show the API's rate-limit budget, what ccsh used of it, and this month's wake-ups.")
            .output("record")
            .example("quota | get sentLastDay", "Requests ccsh sent in the last 24 hours.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let session = try api.session
        api.recordUsage()
        let now = Date()
        let summary = api.usageLedger(profile: session.profile.name).summary(now: Int(now.timeIntervalSince1970))
        let latest = summary.latest
        func number(_ value: Int?) -> Value { value.map { .int($0) } ?? .null }
        return .value(
            .record(
                Record([
                    .init(name: "profile", value: .string(session.profile.name)),
                    .init(name: "dayLimit", value: number(latest?.dayLimit)),
                    .init(name: "dayRemaining", value: number(latest?.dayRemaining)),
                    .init(name: "burstLimit", value: number(latest?.burstLimit)),
                    .init(name: "burstRemaining", value: number(latest?.burstRemaining)),
                    .init(name: "readAt", value: latest.map { .string(Timestamp.format($0.at)) } ?? .null),
                    .init(name: "sentLastDay", value: .int(summary.sentLastDay)),
                    .init(name: "sentThisMonth", value: .int(summary.sentThisMonth)),
                    .init(name: "wakeUpsThisMonth", value: .int(summary.wakeUpsThisMonth)),
                ])))
    }
}
