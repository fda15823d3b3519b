import Commands
import Foundation

/// Paging progress on stderr when it is a terminal: once a collection read has taken a second, one line
/// (`alerts: page 4 of 12, 1.3 s`) is rewritten in place as pages come, and wiped when the read ends or before
/// anything else is printed, so that it never mixes with results or errors.
final class ProgressLine {
    private var isShown = false
    /// The terminal's columns, read at each update: a line longer than that would wrap, and rewriting it in place
    /// would then leave its first rows behind.
    var columns: () -> Int = { 80 }

    /// Shows (or ends) the progress of one collection read.
    func update(_ progress: PagingProgress) {
        if progress.isFinished { return clear() }
        guard progress.seconds >= 1 else { return }
        // The last path segment names the collection (`alerts`), without the long vehicle id before it.
        let name = progress.path.split(separator: "/").last.map(String.init) ?? progress.path
        let of = progress.totalPages.map { " of \($0)" } ?? ""
        write("\r\u{1B}[2K\(name): page \(progress.pages)\(of), \(String(format: "%.1f", progress.seconds)) s")
        isShown = true
    }

    /// Shows (or ends) the progress of a remote action: `remote: Accepted → WakingUpVehicle → SentToVehicle, 12 s`.
    /// The line stays one line: the statuses that do not fit the terminal's width go first, `…` in their place.
    func update(_ progress: RemoteProgress) {
        if progress.isFinished { return clear() }
        write("\r\u{1B}[2K" + Self.remoteLine(progress.statuses, seconds: Int(progress.seconds), width: columns() - 1))
        isShown = true
    }

    /// `remote: … → Accepted → WakingUpVehicle, 12 s` in at most `width` characters (the latest statuses kept).
    static func remoteLine(_ statuses: [String], seconds: Int, width: Int) -> String {
        let end = ", \(seconds) s"
        var kept = statuses[...]
        func line() -> String { "remote: " + (kept.count < statuses.count ? "… → " : "") + kept.joined(separator: " → ") + end }
        while kept.count > 1, line().count > width { kept = kept.dropFirst() }
        return String(line().prefix(max(1, width)))
    }

    /// Wipes the line if it is shown.
    func clear() {
        guard isShown else { return }
        write("\r\u{1B}[2K")
        isShown = false
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
