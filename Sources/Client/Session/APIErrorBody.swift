import Foundation

/// The error bodies the API's layers send (docs/api.md §5.2), read into one message: the gateway's
/// `{httpCode, httpMessage, moreInformation}`, the IDP's `{error, error_description}`, production's
/// `{code: 40400, message}` and the spec's xError `{code, debug, message}`.
package struct APIErrorBody: Sendable {
    package var message: String
    /// `invalid_grant`, `invalid_client`… for IDP errors.
    package var oauthError: String?
    /// The application code (`40400`, `50000`, `40001`…).
    package var apiCode: Int?
    /// The gateway's `moreInformation` (e.g. "Token is invalid").
    package var moreInformation: String?

    package init(_ body: [UInt8]) {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        if let more = object["moreInformation"] as? String {
            moreInformation = more
            message = [object["httpMessage"] as? String, more].compactMap { $0 }.joined(separator: ": ")
        } else if let error = object["error"] as? String {
            oauthError = error
            message = [error, object["error_description"] as? String].compactMap { $0 }.joined(separator: ": ")
        } else if let text = object["message"] as? String {
            apiCode = (object["code"] as? NSNumber)?.intValue ?? (object["code"] as? String).flatMap(Int.init)
            message = text
        } else if let title = Self.htmlTitle(body) {
            message = "an HTML page, not the API's JSON" + (title.isEmpty ? "" : " (\(title))")
        } else {
            let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            message = text.isEmpty ? "no details in the response" : text
        }
    }

    /// The `<title>` of an HTML page (a gateway's or proxy's error page), "" when it has none; nil when `body` is
    /// not HTML.
    private static func htmlTitle(_ body: [UInt8]) -> String? {
        let head = String(decoding: body.prefix(4096), as: UTF8.self)
        guard head.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<"), head.lowercased().contains("<html") else { return nil }
        guard let open = head.range(of: "<title>", options: .caseInsensitive),
            let close = head.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<head.endIndex)
        else { return "" }
        return head[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A 404 without the API's "no data" code: an id the account does not have.
    package static let unknownIDHint = "check the id: it is not one of this account's"

    /// What to do about a status, in one voice.
    package func hint(status: Int) -> String? {
        switch status {
        case 400 where apiCode != nil: "check the parameter the message names"
        case 401 where moreInformation == "Not registered to plan": "the client_id is not subscribed to the API plan"
        case 401: "the token or realm was refused: run `login` again if this persists"
        case 403: "this account has no access to that vehicle"
        case 404 where apiCode == 40400: "the API has no such data for this vehicle"
        case 404: Self.unknownIDHint
        case 429: "rate limited: wait and try again"
        case 500...599: "a server-side failure: try again later"
        default: nil
        }
    }
}
