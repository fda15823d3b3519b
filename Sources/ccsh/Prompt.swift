import Commands

/// The interactive prompt: `peugeot@sandbox> ` — the brand and profile in use — in green when logged in, in yellow
/// with `(logged out)` when no tokens are stored for the profile; `ccsh> ` when no profile is set up. Colors only
/// when the terminal takes them (`NO_COLOR`, `TERM=dumb`).
struct Prompt {
    var useColor: Bool

    func text(for summary: SessionSummary?) -> String {
        guard let summary else { return "ccsh> " }
        let name = "\(summary.brand)@\(summary.profile)"
        if summary.isLoggedIn { return paint(name, "1;32") + "> " }
        return paint(name, "1;33") + " " + paint("(logged out)", "31") + "> "
    }

    /// The continuation prompt for unfinished input, `…> ` right-aligned under the main one.
    func continuation(for summary: SessionSummary?) -> String {
        let width = Prompt(useColor: false).text(for: summary).count
        return String(repeating: " ", count: max(0, width - 3)) + paint("…", "2") + "> "
    }

    private func paint(_ text: String, _ code: String) -> String { useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
