import Client
import Shell

/// `login`: signs the profile in. By default the authorization-code flow with PKCE: it prints the URL to open in a
/// browser and waits for the address the browser ends on (or its code); `--code` finishes a login started earlier
/// (how scripts do it); `--user` uses the legacy password grant, the password read from `$CCSH_PASSWORD` or asked
/// without echo — never an argument, so it never lands in history.
struct LoginCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("login", summary: "Sign in: the browser flow (a URL to open, then the address it ends on), --code, or --user.")
            .flag("code", .string, "Finish a login `login` started: the code, or the whole address the browser ended on.")
            .flag("user", .string, "Use the password grant for this user; the password comes from $CCSH_PASSWORD or a prompt without echo.")
            .example("login", "Print the sign-in URL, then paste the address the browser ends on.")
            .example("login --user sofia.dubois@example.com | get status", "The sandbox's demo user; the password from $CCSH_PASSWORD.")
            .output("record: the profile and its new state")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let session = try api.session
        let interpreter = context.interpreter
        if let user = call.string("user") {
            let password =
                interpreter.environment["CCSH_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 } ?? interpreter.ask?("password for \(user): ", true)
            guard let password, !password.isEmpty else {
                throw call.error(
                    "no password for \(user)", hint: "set CCSH_PASSWORD, or run `login --user \(user)` at a terminal to be asked", argument: "user",
                    code: .badArgument)
            }
            api.rememberTyped(secret: password)
            try session.login(username: user, password: password)
        } else if let code = call.string("code") {
            try session.completeLogin(pasted: code)
        } else {
            let url = try session.beginLogin()
            interpreter.writeError("Open this address in a browser and sign in:\n  \(url)\n")
            guard let ask = interpreter.ask else {
                interpreter.writeError("Then run `login --code CODE` with the code, or the whole address the browser ends on.\n")
                return .value(Self.state(session, "waiting for `login --code`", extra: ("authorize", .string(url))))
            }
            guard let pasted = ask("Paste the address the browser ends on (or the code): ", false), !pasted.isEmpty else {
                throw call.error("login cancelled", hint: "run `login` again, or `login --code CODE` with a code from that URL")
            }
            try session.completeLogin(pasted: pasted)
        }
        return .value(Self.state(session, "logged in"))
    }

    /// `{profile, status}` and one more field if given.
    static func state(_ session: Session, _ status: String, extra: (String, Value)? = nil) -> Value {
        var record = Record([.init(name: "profile", value: .string(session.profile.name)), .init(name: "status", value: .string(status))])
        if let extra { record[extra.0] = extra.1 }
        return .record(record)
    }
}

/// `logout`: revokes the refresh token and deletes the profile's stored tokens.
struct LogoutCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("logout", summary: "Sign out: revoke the tokens and delete them from this machine.")
            .example("logout", "The next API command will ask for `login`.")
            .output("record: the profile and its new state")
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let session = try api.session
        try session.logout()
        return .value(LoginCommand.state(session, "logged out"))
    }
}
