import Testing

/// Runs a whole suite against one sandbox process started for it (ephemeral port, fresh state directory) and
/// stopped after its last test. Tests reach it through ``SandboxTrait/current``.
package struct SandboxTrait: SuiteTrait, TestScoping {
    package let arguments: [String]
    package var isRecursive: Bool { false }

    @TaskLocal package static var current: SandboxProcess?

    package func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let sandbox = try SandboxProcess.start(arguments)
        defer { sandbox.stop() }
        try await Self.$current.withValue(sandbox) { try await function() }
    }
}

extension Trait where Self == SandboxTrait {
    /// `@Suite(.sandbox("--vehicles", "5"))`.
    package static func sandbox(_ arguments: String...) -> SandboxTrait { SandboxTrait(arguments: arguments) }
}

/// The suite's sandbox, or a failure explaining the trait is missing.
package func suiteSandbox() throws -> SandboxProcess {
    try #require(SandboxTrait.current, "the suite needs the .sandbox trait")
}
