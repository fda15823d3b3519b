/// Why a remote action failed, in words, with what to do about it (docs/api.md §11.3's `failureCause`).
enum RemoteFailure {
    /// The cause in words and a hint.
    static func explain(_ cause: String?) -> (words: String, hint: String) {
        switch cause {
        case "TooManyWakeUpsOverMonth":
            (
                "the monthly wake-up quota is spent",
                "it resets on the 1st of the month; until then only an awake car (driven, or woken by the driver) takes actions"
            )
        case "SameActionInProgress":
            ("another remote action is still in progress on this car", "wait for it (`remotes REF | first`), then send again")
        case "NotPossibleDueToVehicleBatteryLevel", "VehicleBatteryChargeTooLow":
            ("the car's battery is too low for it", "charge the car first")
        case "NotPossibleDueToVehiclePrivacyLevel":
            ("the car's privacy setting forbids remote actions", "the driver can change it in the car (privacy: none or geolocation)")
        case "ExternalChargingSystemError":
            ("the charger did not answer: is the car plugged in?", "plug it in, then send again")
        case "VehicleChargingSystemError": ("the car's charging system refused it", "see the car's alerts (`alerts REF`)")
        case "VehicleConnectionTimeout": ("the car did not answer in time (no network where it is parked?)", "try again later")
        case "TooManyRequestInShortTime", "TooManyRequestSent": ("too many remote actions in a short time", "wait a few minutes, then send again")
        case "MissingRights":
            ("the account lacks the right for this action", "the token needs its remote:…:write scope; log in again after adding it")
        case "WrongCommand": ("the car does not support this action", "check the vehicle's capabilities (`vehicle REF`)")
        case "DoorsOpen": ("a door is open", "close every door, then lock again")
        case "VehicleIsNotLocked": ("the car must be locked for it", "lock it first: `remote REF lock`")
        case "CidInside", "VehicleErrorOrCidInside": ("a key is inside the car", "take the key out, then send again")
        case "VehicleInUse": ("the car is in use", "send it when the car is parked")
        case "NotPossibleDueToVehicleStolenState": ("the car is declared stolen", "contact the call centre")
        case "CanceledByDriver": ("the driver cancelled it in the car", "")
        case "VehicleError": ("the car reported an error", "see the car's alerts (`alerts REF`), then try again")
        default: ("the API gave \(cause ?? "no reason")", "see the record with `remotes show REF RID`")
        }
    }
}
