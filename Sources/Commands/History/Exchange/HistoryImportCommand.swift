import APIContract
import Client
import History
import Shell

/// `history import psacc PATH`: brings psa_car_controller's recorded positions, charges and charge curves into the
/// history (``PsaccImport``; docs/history.md, "Import and export"), each car by its VIN — the account's car of that
/// VIN, else one kept as `psacc:VIN` — and prints what came in. Importing again adds nothing.
struct HistoryImportCommand: Command {
    let api: APIContext

    var signature: Signature {
        HistoryDatabase.flag(
            on: Signature("history import", summary: "Import another tool's recorded history: psa_car_controller's info.db.")
                .required("from", .oneOf(["psacc"]), "The tool: psacc (psa_car_controller).")
                .required("path", .file, "Its database: psa_car_controller's info.db.")
                .example("history import psacc info.db | get charges", "psa_car_controller's database, here: how many charge sessions came in.")
                .output("record: vehicles (VIN → car), positions, positionsKnown, curvePoints, charges, chargesKnown, from, through, drives"))
    }

    func run(_ call: Call, input: PipelineData, context: CommandContext) throws -> PipelineData {
        let path = FileAccess.resolve(HomeDirectory.expanding(call.string("path") ?? ""), context)
        let store = try HistoryDatabase.openForWriting(call, api: api)
        let resolver = VehicleResolver(api: api)
        let summary: PsaccImport.Summary
        do throws(HistoryError) {
            summary = try store.importPsacc(from: path) { vin in try? resolver.id(for: .string(vin), at: nil) }
        } catch {
            throw call.error("\(error.path): \(error.message)", hint: "give psa_car_controller's database file (info.db)", argument: "path")
        }
        var vehicles = Record()
        for (vin, id) in summary.vehicles.sorted(by: { $0.key < $1.key }) { vehicles[vin] = .string(id) }
        return .value(
            [
                "vehicles": .record(vehicles), "positions": .int(summary.positions), "positionsKnown": .int(summary.positionsKnown),
                "curvePoints": .int(summary.curvePoints), "charges": .int(summary.charges), "chargesKnown": .int(summary.chargesKnown),
                "from": summary.from.map { .string(Timestamp.format($0)) } ?? .null,
                "through": summary.through.map { .string(Timestamp.format($0)) } ?? .null, "drives": .int(summary.drives),
            ])
    }
}
