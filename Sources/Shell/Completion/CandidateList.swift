import Foundation

/// How TAB lists several candidates below the line: one per line with its description when they have any
/// (`--locale   Language of texts`), else in columns across the width; at most 100, then how many more.
package enum CandidateList {
    package static let limit = 100

    package static func render(_ candidates: [CompletionCandidate], width: Int) -> String {
        let shown = candidates.prefix(limit)
        let more = candidates.count > limit ? ["… and \(candidates.count - limit) more"] : []
        let column = min((shown.map(\.display.count).max() ?? 0) + 2, max(12, width / 2))
        if shown.contains(where: { !$0.description.isEmpty }) {
            let lines = shown.map { candidate in
                let name = candidate.display.padding(toLength: max(column, candidate.display.count + 2), withPad: " ", startingAt: 0)
                return String((name + candidate.description).prefix(max(width - 1, 20)))
            }
            return (lines + more).joined(separator: "\n")
        }
        let perRow = max(1, width / max(column, 1))
        var rows: [String] = []
        var row = ""
        for (index, candidate) in shown.enumerated() {
            row += index % perRow == perRow - 1 ? candidate.display : candidate.display.padding(toLength: column, withPad: " ", startingAt: 0)
            if index % perRow == perRow - 1 {
                rows.append(row)
                row = ""
            }
        }
        if !row.isEmpty { rows.append(row.trimmingTrailingSpaces) }
        return (rows + more).joined(separator: "\n")
    }
}
