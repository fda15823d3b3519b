import Foundation
import GRDB
import SafeFile

/// One profile's history database: a SQLite file in WAL mode (readers never wait for the recorder), its schema
/// brought up to date on opening. Writes are transactions, so a process killed in the middle of one leaves the
/// file as it was before it (SQLite's journal), and the next pass writes it again.
///
/// The file is made with mode 0600 before SQLite opens it (its `-wal` and `-shm` files take the same mode), in a
/// directory of mode 0700: it holds where the car has been.
package final class HistoryStore: Sendable {
    package let path: String
    let database: DatabasePool

    /// `$XDG_DATA_HOME/ccsh/PROFILE.sqlite`, by default `~/.local/share/ccsh/PROFILE.sqlite`.
    package static func defaultPath(profile: String, environment: [String: String]) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let data = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/share"
        return data + "/ccsh/" + profile + ".sqlite"
    }

    /// Opens (creating it when missing) the database at `path`; `readOnly` opens an existing one for queries only.
    package init(path: String, readOnly: Bool = false) throws(HistoryError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        // The recorder and a query in another terminal may meet: wait for the other's transaction, not fail.
        configuration.busyMode = .timeout(10)
        do {
            if !readOnly { try Self.createFile(path) }
            database = try DatabasePool(path: path, configuration: configuration)
            if readOnly {
                try database.read { db throws in try Self.checkVersion(db, path: path) }
            } else {
                try database.write { db throws in try Self.checkVersion(db, path: path) }
                try HistorySchema.migrator.migrate(database)
            }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError(path: path, error)
        }
    }

    /// Makes the file, empty and private, unless it is there.
    private static func createFile(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try SafeFile.makeDirectory(directory) }
        let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw HistoryError(path: path, message: String(cString: strerror(errno))) }
        close(descriptor)
    }

    /// Refuses a database that a newer ccsh migrated further than this one knows.
    private static func checkVersion(_ db: Database, path: String) throws {
        guard try db.tableExists("grdb_migrations") else { return }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        let unknown = applied.filter { !HistorySchema.knownMigrations.contains($0) }
        guard unknown.isEmpty else {
            throw HistoryError(
                path: path,
                message: "it was written by a newer ccsh (\(unknown.joined(separator: ", "))); update ccsh to read it")
        }
    }

    /// Runs `body` in one write transaction.
    package func write<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do { return try database.write(body) } catch { throw HistoryError(path: path, error) }
    }

    /// Runs `body` on a read-only snapshot.
    package func read<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do { return try database.read(body) } catch { throw HistoryError(path: path, error) }
    }
}

/// A history database that could not be opened, read or written: which file, and why, in words.
package struct HistoryError: Error, Equatable, CustomStringConvertible {
    package var path: String
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(path: String, _ error: any Error) {
        self.path = path
        if let error = error as? HistoryError {
            message = error.message
        } else if let error = error as? DatabaseError {
            message = error.message ?? "\(error.resultCode)"
        } else if let error = error as? SafeFileError {
            message = error.message
        } else {
            message = "\(error)"
        }
    }

    package var description: String { "history database \(path): \(message)" }
}
