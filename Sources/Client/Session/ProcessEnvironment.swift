import Foundation

/// The process's environment, read once: Foundation builds a new dictionary at every
/// `ProcessEnvironment.snapshot`, and ccsh's start asks it a dozen times (config, state and token
/// directories, the terminal, colours). ccsh never changes its own environment.
package enum ProcessEnvironment {
    package static let snapshot = ProcessInfo.processInfo.environment
}
