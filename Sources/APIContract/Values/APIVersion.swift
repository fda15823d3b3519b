/// The version of the API a profile speaks. v4.0 is the seed's (monitors under the vehicle,
/// `/user/vehicles/{id}/monitors`, docs/api.md §10.1); 4.17 is today's: monitors under a callback
/// (`/user/vehicles/{id}/callbacks/{cbid}/monitors`, §10.2) with another body, callbacks, remote actions and alarms
/// (§7, §11). Both are served under the same base URL; only the paths and bodies differ.
package enum APIVersion: String, Sendable, CaseIterable {
    case v40 = "4.0"
    case v417 = "4.17"
}
