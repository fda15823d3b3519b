internal import CEdit

/// The libedit line editor. This file is the only one that imports `CEdit`; the interactive reader grows here
/// with the REPL issue. For now it reports which libedit the binary was built with.
enum EditLineReader {
    /// `libedit 2.11` (histedit.h's version macros).
    static var libraryVersion: String { "libedit \(ccsh_el_version_major()).\(ccsh_el_version_minor())" }
}
