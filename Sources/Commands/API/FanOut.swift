import Client
import Foundation
import Shell
import Synchronization

/// One request per vehicle for a list of vehicles from the pipe (`vehicles | status`), run on up to
/// `concurrency` threads at once, each with its own worker session (shared tokens and connection pool). Results
/// keep the input order, each row tagged with its vehicle's `vin`. Lazy by batches: `vehicles | status | first 2`
/// queries one batch of `concurrency` vehicles, not the whole fleet.
final class FanOut {
    /// The request for one vehicle, sent with the worker's own ``Requests``; returns the rows it yields (all pages
    /// of a collection, or the one record).
    typealias Operation = @Sendable (_ requests: Requests, _ id: String) throws -> [Value]

    private let api: APIContext
    private let vehicles: ValueStream
    private let range: SourceRange
    private let operation: Operation
    private var workers: [Session] = []
    private var pending: [Value] = []

    init(api: APIContext, vehicles: ValueStream, range: SourceRange, operation: @escaping Operation) {
        self.api = api
        self.vehicles = vehicles
        self.range = range
        self.operation = operation
    }

    /// The tagged rows of every vehicle, in input order, fetched a batch at a time as they are read.
    func stream() -> ValueStream {
        ValueStream { [self] in
            while pending.isEmpty {
                var batch: [Value] = []
                while batch.count < max(1, api.concurrency), let vehicle = try vehicles.next() { batch.append(vehicle) }
                guard !batch.isEmpty else { return nil }
                pending = try run(batch).reversed()
            }
            return pending.popLast()
        }
    }

    private func run(_ batch: [Value]) throws -> [Value] {
        let resolver = VehicleResolver(api: api)
        let ids = try batch.map { try resolver.id(for: $0, at: range) }
        while workers.count < batch.count { workers.append(try api.session.makeWorker()) }
        let results = Mutex([Result<[Value], any Error>](repeating: .success([]), count: batch.count))
        let group = DispatchGroup()
        let (operation, settings) = (operation, api.settings)
        for (n, id) in ids.enumerated() {
            // Each worker session is used by exactly one thread until `group.wait()` returns.
            nonisolated(unsafe) let worker = workers[n]
            group.enter()
            Thread {
                let result = Result { try operation(Requests(session: worker, settings: settings), id) }
                results.withLock { $0[n] = result }
                group.leave()
            }.start()
        }
        group.wait()
        var rows: [Value] = []
        for (vehicle, result) in zip(batch, results.withLock { $0 }) {
            let vin = vehicle.recordValue?["vin"] ?? .null
            for row in try result.get() { rows.append(Self.tag(row, vin: vin)) }
        }
        return rows
    }

    /// The row with the vehicle's `vin` as its first field (records only).
    private static func tag(_ row: Value, vin: Value) -> Value {
        guard case .record(let record) = row, record["vin"] == nil else { return row }
        return .record(Record([Record.Field(name: "vin", value: vin)] + record.fields))
    }
}
