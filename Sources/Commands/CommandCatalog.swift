import Client
import Shell

/// The commands ccsh registers, by name. Empty until the language and API command issues land; the type
/// exists so that the executable already wires `Commands` between `Shell` and `Client`.
package enum CommandCatalog {
    /// Names of the registered commands.
    package static let names: [String] = []
}
