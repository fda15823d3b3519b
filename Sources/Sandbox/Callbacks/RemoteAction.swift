import APIContract

/// One remote action (4.17 `/remotes`, docs/api.md §11.2–11.3) as the sandbox keeps it: what was asked, when, and
/// how it ends. Its progress is a pure function of the world's clock: the statuses it passes through, each at a
/// fixed delay after it was accepted, so a test that advances the clock sees every step without sleeping.
package struct RemoteAction: Sendable {
    package var id: String
    package var user: String
    package var vehicle: String
    package var callbackId: String
    /// The body as posted (`Remote`).
    package var remote: JSON
    /// The action's key in the body (`door`) and its `RemoteType` (`Doors`).
    package var action: String
    package var type: String
    /// Simulated seconds when the action was accepted.
    package var createdAt: Int
    /// Whether the car slept and had to be woken first (a longer path through `WakingUpVehicle`).
    package var wakesVehicle: Bool
    /// The final status (`Success`, `AlreadyDone`, `Failed`) and, when Failed, why.
    package var outcome: String
    package var failureCause: String?
    /// How many of its steps have been raised as notifications to its callback.
    package var notified = 0

    /// One step of the action's progress: a status, whether it is the last (`Done`) or not (`Pending`), and when.
    package struct Step: Sendable, Equatable {
        package var status: String
        package var isDone: Bool
        package var at: Int
    }

    /// The statuses the action goes through, in order, with the simulated instant of each. A navigation skips
    /// `Accepted` and `WakingUpVehicle`; a refusal known at once (another action in progress, the monthly wake-up
    /// quota, a flat battery) fails after its own pending status.
    package var steps: [Step] {
        var steps: [Step] = []
        var at = createdAt
        func step(_ status: String, after delay: Int) {
            at += delay
            steps.append(Step(status: status, isDone: false, at: at))
        }
        if action != "navigation" { step("Accepted", after: 0) }
        switch failureCause {
        case "SameActionInProgress":
            steps.append(Step(status: "Failed", isDone: true, at: at + 1))
            return steps
        case "TooManyWakeUpsOverMonth":
            step("TooManyWakeUpsOverMonth", after: 2)
            steps.append(Step(status: "Failed", isDone: true, at: at + 1))
            return steps
        case "NotPossibleDueToVehicleBatteryLevel":
            step("VehicleBatteryChargeTooLow", after: 2)
            steps.append(Step(status: "Failed", isDone: true, at: at + 1))
            return steps
        default: break
        }
        if wakesVehicle, action != "navigation" {
            step("WakingUpVehicle", after: 2)
            step("SentToVehicle", after: 18)
        } else {
            step("SentToVehicle", after: action == "navigation" ? 0 : 3)
        }
        steps.append(Step(status: outcome, isDone: true, at: at + (wakesVehicle ? 10 : 5)))
        return steps
    }

    /// When the action ended (its last step).
    package var doneAt: Int { steps.last?.at ?? createdAt }

    /// The status at simulated second `now`: the last step reached.
    package func status(at now: Int) -> String { (steps.last { $0.at <= now } ?? steps.first)?.status ?? "Accepted" }

    /// Whether the action changed the car: it succeeded, and it is over by `now`.
    package func tookEffect(by now: Int) -> Bool { outcome == "Success" && doneAt <= now }
}
