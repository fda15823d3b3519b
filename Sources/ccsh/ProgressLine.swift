import Commands
import Foundation

/// Paging progress on stderr when it is a terminal: once a collection read has taken a second, one line
/// (`alerts: page 4 of 12, 1.3 s`) is rewritten in place as pages come, and wiped when the read ends or before
/// anything else is printed, so that it never mixes with results or errors.
final class ProgressLine {
    private var isShown = false

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
    func update(_ progress: RemoteProgress) {
        if progress.isFinished { return clear() }
        write("\r\u{1B}[2Kremote: \(progress.statuses.joined(separator: " → ")), \(Int(progress.seconds)) s")
        isShown = true
    }

    /// Wipes the line if it is shown.
    func clear() {
        guard isShown else { return }
        write("\r\u{1B}[2K")
        isShown = false
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
