import Client
import Foundation
import Shell

/// `api METHOD PATH`: any request with the session's authentication (client id, token, realm, client
/// certificate), the body decoded; `--paginate` walks a collection's pages as a lazy list.
struct ApiCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("api", summary: "Send any request to the API with the session's authentication; returns the decoded body.")
            .required("method", .oneOf(["GET", "POST", "PUT", "DELETE", "PATCH"]), "The HTTP method.")
            .required("path", .string, "A path under the API base (`/user/vehicles`), or a full URL from a `_links` href.")
            .flag("query", .string, repeatable: true, "A query parameter as NAME=VALUE.")
            .flag("body", .any, "The request body: a record or list (sent as JSON), or JSON text.")
            .flag("file", .file, "Read the request body from a JSON file.")
            .switch("paginate", "Return a collection's items across all its pages, lazily.")
            .curlSwitch()
            .example("api GET /user | get email", "The account's email, raw.")
            .example("api GET /user/vehicles --query pageSize=1 --paginate | count", "Every vehicle, one per request.")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let method = call.string("method") ?? "GET"
        let path = call.string("path") ?? ""
        guard path.hasPrefix("/") || path.hasPrefix("https://") else {
            throw call.error("'\(path)' is not an API path", hint: "start it with '/', e.g. /user/vehicles", argument: "path", code: .badArgument)
        }
        var query: [(name: String, value: String?)] = []
        for item in call.value("query")?.listItems ?? [] {
            let text = item.text
            guard let equals = text.firstIndex(of: "=") else {
                throw call.error("'\(text)' is not NAME=VALUE", hint: "e.g. --query indexRange=0-9", argument: "query", code: .badArgument)
            }
            query.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
        }
        let body = try self.body(call, context: context)
        if call.isSet("paginate") {
            guard method == "GET", body == nil else { throw call.error("--paginate works with GET requests only", code: .badArgument) }
            return .stream(try api.collection(path, query: query, curl: call.isSet("curl"), inWords: false))
        }
        return .value(try api.send(APIRequest(method, path, query: query, body: body), curl: call.isSet("curl"), inWords: false))
    }

    /// The body from `--body` (a value as JSON, or a string as it is) or `--file`.
    private func body(_ call: Call, context: CommandContext) throws -> [UInt8]? {
        if call.value("body") != nil, call.value("file") != nil {
            throw call.error("give --body or --file, not both", code: .badArgument)
        }
        if let value = call.value("body") {
            if case .string(let text) = value { return Array(text.utf8) }
            return JSONWriter.bytes(value)
        }
        guard let path = call.string("file") else { return nil }
        let bytes = try FileAccess.read(path, call: call, context: context)
        do { _ = try JSONReader.value(from: bytes) } catch {
            throw call.error("\(path):\(error.line):\(error.column): \(error.message)", hint: "the body file must be JSON", argument: "file")
        }
        return bytes
    }
}
