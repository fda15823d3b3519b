import Commands
import Foundation
import Shell

/// An interpreter with the language's commands, writing `print` output into a string, in a temporary directory.
final class ShellHarness {
    let interpreter: Interpreter
    private(set) var printed = ""
    let directory: URL

    init(
        registry: CommandRegistry = .language(), arguments: [String] = [], environment: [String: String] = ["HOME": "/home/test", "LANG": "C.UTF-8"]
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ccsh-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        interpreter = Interpreter(registry: registry, environment: environment, arguments: arguments)
        interpreter.currentDirectory = directory.path
        interpreter.write = { [unowned self] in self.printed += $0 }
        interpreter.writeError = { [unowned self] in self.printed += $0 }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs `text` and returns the value of its last statement.
    func run(_ text: String, name: String = "test") throws -> Value {
        try interpreter.run(Source(name: name, text: text))
    }

    /// Runs `text` and returns the error it fails with.
    func failure(_ text: String) -> ShellError? {
        do {
            _ = try run(text)
            return nil
        } catch {
            return ShellError.wrapping(error)
        }
    }

    /// Writes a file into the harness directory.
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }
}
