import Shell

/// `user`: the account's details (GET /user).
struct UserInfoCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("user", summary: "Show the account: name, email, and its vehicles' links.")
            .output("record")
            .curlSwitch()
            .example("user | get email", "The account's email address.")
    }

    var view: View? { .user }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        .value(try api.get("/user", curl: call.isSet("curl")))
    }
}
