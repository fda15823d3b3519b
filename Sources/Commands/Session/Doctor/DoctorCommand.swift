import Client
import Foundation
import Shell

/// `doctor`: checks a profile's set-up the way its first request would need it, one line per check (✓ ✗ ! –) with
/// a fix for what is wrong — see ``Checkup``. `--strict` (what `ccsh doctor` runs) fails after the lines when a
/// check failed, so a script or CI step stops there.
struct DoctorCommand: Command {
    let api: APIContext

    var signature: Signature {
        Signature("doctor", summary: "Check a profile's set-up: config, secrets, certificate, key, CA, TLS, IDP, clock and tokens.")
            .flag("profile", .string, "The profile to check (default: the one in use).")
            .switch("strict", "Fail (exit 1) after the report when a check failed; `ccsh doctor` does.")
            .example("doctor", "One line per check; every line ✓ on a good set-up.")
            .example("doctor --profile mine | where result == fail | get hint", "Only the fixes.")
            .output("list of records: check, result (ok, warn, fail, skip), detail, hint")
    }

    var view: View? {
        View("doctor finding", matching: .fields(["check", "result", "detail"]))
            .column("", .custom(cut: .never) { record, _ in DoctorCommand.mark(record.string("result")) })
            .column("check", .text("check"))
            .column("found", .text("detail"))
            .column("fix", .text("hint"), priority: 2)
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        guard let book = api.profiles else { throw call.error("no profiles to check", hint: "start ccsh with a config file or --sandbox") }
        let interpreter = context.interpreter
        let name = call.string("profile") ?? api.currentProfile?.0.name
        let ask = interpreter.ask.map { ask in { (question: String) in ask(question, true) } }
        let findings = Checkup(book: book, profileName: name, ask: ask).run()
        let report = Value.list(findings.map(\.value))
        let failed = findings.filter { $0.result == .fail }
        guard call.isSet("strict"), !failed.isEmpty else { return .value(report) }
        interpreter.write(interpreter.render(report) + "\n")
        // No source position and no hint: the report above names each cause and its fix.
        throw ShellError(
            .failed, "doctor: \(failed.count) check\(failed.count == 1 ? "" : "s") failed (" + failed.map(\.check).joined(separator: ", ") + ")")
    }

    /// ✓ ! ✗ –, in the result's color.
    static func mark(_ result: String?) -> Cell? {
        switch result.flatMap(Finding.Result.init(rawValue:)) {
        case .ok?: Cell("✓", .good)
        case .warn?: Cell("!", .warning)
        case .fail?: Cell("✗", .alarm)
        case .skip?: Cell("–", .faint)
        case nil: nil
        }
    }
}
