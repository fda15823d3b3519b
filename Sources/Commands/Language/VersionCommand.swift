import Client
import Shell

/// `version`: ccsh's version and the libcurl and TLS library it runs with, as a record.
package struct VersionCommand: Command {
    /// ccsh's own version (also `ccsh --version`).
    package static let current = "0.1.0-dev"

    package var signature: Signature {
        Signature("version", summary: "ccsh's version, and the libcurl and TLS library it runs with.")
            .example("version | get ccsh", "Just ccsh's version.")
    }

    package func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let libraries = CurlTransport.libraryVersions
        return .value(["ccsh": .string(Self.current), "libcurl": .string(libraries.curl), "tls": .string(libraries.ssl)])
    }
}
