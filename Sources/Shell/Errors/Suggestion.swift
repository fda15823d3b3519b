import APIContract

/// "did you mean" for names: the nearest candidate by edit distance, if it is near enough to be a typo.
package enum Suggestion {
    /// The closest candidate within a distance of about a third of the name's length (at least 1, at most 3).
    package static func nearest(to name: String, in candidates: some Sequence<String>) -> String? {
        let limit = min(3, max(1, name.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = EditDistance.between(name.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        if best == nil, let prefixed = candidates.first(where: { $0.hasPrefix(name) && name.count >= 3 }) { return prefixed }
        return best?.name
    }

    /// A ready-made hint: "did you mean 'vehicles'?".
    package static func hint(for name: String, in candidates: some Sequence<String>) -> String? {
        nearest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }
}
