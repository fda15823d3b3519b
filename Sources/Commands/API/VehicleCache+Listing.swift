import Shell

extension VehicleCache {
    /// `vehicles` read to its end refreshes the cache that references (`status 0`, `status VR3…`) and completion
    /// read: the whole listing replaces it; a part of it (`--index-range`) is merged in.
    @Sendable static func refreshing(_ rows: ValueStream, _ call: Call, _ api: APIContext) -> ValueStream {
        let cache = api.vehicles
        let isPart = call.flagValues["index-range"] != nil
        var seen: [Value] = []
        return ValueStream {
            if let row = try rows.next() {
                seen.append(row)
                return row
            }
            if isPart { cache.merge(seen) } else { cache.replace(with: seen) }
            return nil
        }
    }
}
