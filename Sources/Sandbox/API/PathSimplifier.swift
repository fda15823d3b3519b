import Foundation

/// Ramer–Douglas–Peucker simplification of a path of (lon, lat) points, as the API's `tolerance` parameter asks.
enum PathSimplifier {
    /// The indexes of the points to keep (always the first and the last).
    static func simplify(_ points: [(Double, Double)], toleranceKm: Double) -> [Int] {
        guard points.count > 2 else { return Array(points.indices) }
        var keep = Array(repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var farthest = first
            var distance = 0.0
            for i in (first + 1)..<last {
                let d = offsetKm(points[i], from: points[first], to: points[last])
                if d > distance {
                    distance = d
                    farthest = i
                }
            }
            if distance > toleranceKm {
                keep[farthest] = true
                stack += [(first, farthest), (farthest, last)]
            }
        }
        return keep.indices.filter { keep[$0] }
    }

    /// Distance in km from `p` to the segment a–b, on a local flat projection (fine at trip scale).
    private static func offsetKm(_ p: (Double, Double), from a: (Double, Double), to b: (Double, Double)) -> Double {
        let kx = 111.32 * cos(a.1 * .pi / 180)
        let ky = 110.57
        let (px, py) = ((p.0 - a.0) * kx, (p.1 - a.1) * ky)
        let (bx, by) = ((b.0 - a.0) * kx, (b.1 - a.1) * ky)
        let length = bx * bx + by * by
        let t = length == 0 ? 0 : max(0, min(1, (px * bx + py * by) / length))
        return hypot(px - t * bx, py - t * by)
    }
}
