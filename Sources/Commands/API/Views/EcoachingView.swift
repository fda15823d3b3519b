import Shell

extension View {
    /// A trip's eco-driving scores (`ecoaching`), out of 10, as bars.
    static let ecoaching = View("ecoaching", matching: .link("trips/*/ecoaching"))
        .column("vin", .code("vin"))
        .column(
            "global",
            .custom(alignsRight: true, cut: .never) { record, _ in
                EcoachingView.score(record, "Global").map { Cell(Units.number($0, digits: 1) + "/10") }
            }
        )
        .card { record, presentation in
            record.records("scores").compactMap { score in
                guard let category = score.string("category"), let value = score.number("score") else { return nil }
                let text = Units.bar(value * 10, unicode: presentation.unicode) + "  " + Units.number(value, digits: 1) + "/10"
                return View.Line(EcoachingView.names[category] ?? Units.words(category), text, value < 4 ? .warning : nil)
            }
        }
}

/// Words for eco-driving scores.
enum EcoachingView {
    /// The API's categories, some misspelt in the spec (`Break`, `AirCondioner`).
    static let names = [
        "Global": "overall", "Acceleration": "acceleration", "Break": "braking", "AirCondioner": "air conditioning", "ColdEngine": "cold engine",
        "TirePressure": "tyre pressure", "Slope": "slopes", "Speed": "speed", "StartStop": "start & stop",
    ]

    static func score(_ record: Record, _ category: String) -> Double? {
        record.records("scores").first { $0.string("category") == category }?.number("score")
    }
}
