/// `to geojson`: one FeatureCollection from Features (what `position` returns), from rows carrying a Feature in
/// a field (fan-out rows such as `{vin, position}`), or from records with `latitude`/`longitude` (or `lat`/`lon`)
/// fields, whose other fields become the properties.
package enum GeoJSON {
    package static func featureCollection(_ value: Value) throws(ShellError) -> Value {
        let items: [Value]
        switch value {
        case .list(let list): items = list
        case .record(let record) where record["type"] == .string("FeatureCollection"): return value
        default: items = [value]
        }
        var features: [Value] = []
        for (n, item) in items.enumerated() {
            guard let feature = feature(item) else {
                throw ShellError(
                    .typeMismatch, "row \(n) is not a GeoJSON Feature and has no latitude/longitude",
                    hint: "pipe `position` results, or records with latitude and longitude fields")
            }
            features.append(feature)
        }
        return .record(
            Record([Record.Field(name: "type", value: .string("FeatureCollection")), Record.Field(name: "features", value: .list(features))]))
    }

    private static func feature(_ value: Value) -> Value? {
        guard case .record(let record) = value else { return nil }
        if record["type"] == .string("Feature") { return value }
        // A row that holds a Feature in one field: its other fields join the properties.
        for field in record.fields {
            guard case .record(var inner) = field.value, inner["type"] == .string("Feature") else { continue }
            var properties = inner["properties"]?.recordValue ?? Record()
            for other in record.fields where other.name != field.name { properties[other.name] = other.value }
            inner["properties"] = .record(properties)
            return .record(inner)
        }
        let latitude = record["latitude"] ?? record["lat"]
        let longitude = record["longitude"] ?? record["lon"] ?? record["lng"]
        guard let lat = latitude?.number, let lon = longitude?.number else { return nil }
        var properties = record
        for name in ["latitude", "lat", "longitude", "lon", "lng"] { properties[name] = nil }
        let geometry = Record([
            Record.Field(name: "type", value: .string("Point")), Record.Field(name: "coordinates", value: .list([.double(lon), .double(lat)])),
        ])
        return .record(
            Record([
                Record.Field(name: "type", value: .string("Feature")), Record.Field(name: "geometry", value: .record(geometry)),
                Record.Field(name: "properties", value: .record(properties)),
            ]))
    }
}
