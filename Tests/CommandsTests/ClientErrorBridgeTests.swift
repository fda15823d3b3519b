import Client
import Commands
import Shell
import Testing

/// Client errors reach scripts with the request line, a code for `try`/`catch`, and the documented exit status.
@Suite struct ClientErrorBridgeTests {
    @Test("login required exits 3; an HTTP error keeps its status for catch")
    func bridge() {
        let login = ShellError.wrapping(
            ClientError(code: .loginRequired, request: "GET /connectedcar/v4/user", message: "not logged in", hint: "run `login`"))
        #expect(login.exitStatus == ExitStatus.loginRequired)
        #expect(login.record == ["message": "GET /connectedcar/v4/user: not logged in", "code": "login-required"])
        #expect(login.hint == "run `login`")
        let http = ShellError.wrapping(ClientError(code: .http, request: "GET /connectedcar/v4/user/vehicles/x", message: "Not Found", status: 404))
        #expect(http.exitStatus == ExitStatus.failure)
        #expect(http.record == ["message": "GET /connectedcar/v4/user/vehicles/x → 404: Not Found", "code": "http", "status": 404])
    }
}
