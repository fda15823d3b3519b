import Foundation
import SafeFile

/// One profile's history database: a SQLite file in WAL mode (readers never wait for the recorder), its schema
/// brought up to date on opening. Writes are transactions, so a process killed in the middle of one leaves the file
/// as it was before it (SQLite's journal), and the next pass writes it again. `synchronous = NORMAL`: a power cut
/// may lose the last transactions, never the file's consistency, and the recorder's next pass reads them again.
///
/// The file is made with mode 0600 before SQLite opens it (its `-wal` and `-shm` files take the same mode), in a
/// directory of mode 0700: it holds where the car has been. Not `Sendable`: one thread uses a store.
package final class HistoryStore {
    package let path: String
    let connection: SQLiteConnection

    /// `$XDG_DATA_HOME/ccsh/PROFILE.sqlite`, by default `~/.local/share/ccsh/PROFILE.sqlite`.
    package static func defaultPath(profile: String, environment: [String: String]) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let data = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/share"
        return data + "/ccsh/" + profile + ".sqlite"
    }

    /// Opens (creating it when missing) the database at `path`; `readOnly` opens an existing one for queries only.
    package init(path: String, readOnly: Bool = false) throws(HistoryError) {
        self.path = path
        do {
            if !readOnly { try Self.createFile(path) }
            connection = try SQLiteConnection(path: path, readOnly: readOnly)
            // The recorder and a query in another terminal may meet: wait for the other's transaction, not fail.
            connection.setBusyTimeout(10)
            if !readOnly {
                _ = try connection.rows("PRAGMA journal_mode = WAL")
                try connection.execute("PRAGMA synchronous = NORMAL")
            } else {
                // Queries read the file through memory mapping, not a read call and a copy per page (a year of history
                // is tens of MB; this is address space, not memory).
                _ = try connection.rows("PRAGMA mmap_size = 268435456")
            }
            try migrate(readOnly: readOnly)
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

    /// Applies the migrations the file lacks, each in its own transaction; refuses a file that a newer ccsh
    /// migrated further than this one knows. A read-only store only checks.
    private func migrate(readOnly: Bool) throws {
        let exists = try connection.one(Int.self, "SELECT count(*) FROM sqlite_master WHERE name = 'schemaMigrations'") == 1
        let applied = exists ? try connection.all(String.self, "SELECT name FROM schemaMigrations") : []
        let unknown = applied.filter { !HistorySchema.knownMigrations.contains($0) }
        guard unknown.isEmpty else {
            throw HistoryError(
                path: path, message: "it was written by a newer ccsh (\(unknown.joined(separator: ", "))); update ccsh to read it")
        }
        guard !readOnly else { return }
        try connection.transaction {
            try connection.execute("CREATE TABLE IF NOT EXISTS schemaMigrations (name TEXT PRIMARY KEY NOT NULL)")
        }
        for migration in HistorySchema.migrations where !applied.contains(migration.name) {
            try connection.transaction {
                guard try connection.one(Int.self, "SELECT count(*) FROM schemaMigrations WHERE name = ?", [migration.name]) == 0 else { return }
                for statement in migration.statements { try connection.execute(statement) }
                try connection.execute("INSERT INTO schemaMigrations (name) VALUES (?)", [migration.name])
            }
        }
    }

    /// Runs `body` in one write transaction.
    package func write<T>(_ body: (SQLiteConnection) throws -> T) throws(HistoryError) -> T {
        do { return try connection.transaction { try body(connection) } } catch { throw HistoryError(path: path, error) }
    }

    /// The rows of one query, read as they are asked for (a year of snapshots is not held in memory).
    package func cursor(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws(HistoryError) -> SQLiteCursor {
        do { return try connection.cursor(sql, arguments) } catch { throw HistoryError(path: path, error) }
    }

    /// Runs `body` on one consistent snapshot of the file.
    package func read<T>(_ body: (SQLiteConnection) throws -> T) throws(HistoryError) -> T {
        do { return try connection.transaction(immediate: false) { try body(connection) } } catch { throw HistoryError(path: path, error) }
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
        switch error {
        case let error as HistoryError: message = error.message
        case let error as SQLiteError: message = error.message
        case let error as SafeFileError: message = error.message
        default: message = "\(error)"
        }
    }

    package var description: String { "history database \(path): \(message)" }
}
