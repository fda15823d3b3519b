import APIContract

/// A command that exists in some versions of the API only: on another it says so instead of sending (see
/// ``APIContext/require(_:_:)``), and the examples test runs its examples in a version that has it.
package protocol VersionedCommand {
    var versions: Set<APIVersion> { get }
}
