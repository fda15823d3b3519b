import Client
import History

/// The car's story's settings in the config file the shell reads (the profile book's, else `Configuration.path()`):
/// its `[tariffs.NAME]` and `[emissions]` tables, read afresh at each use, so that an edit by hand shows at once;
/// tariffs edited through ``ConfigFile`` (locked, atomic, 0600).
struct StorySettings {
    let file: ConfigFile

    init(api: APIContext) {
        file = ConfigFile(api.profiles?.configFile ?? Configuration.path())
    }

    /// The declared tariffs, in file order.
    func tariffs() throws -> [Tariff] {
        try TariffConfiguration.parse(try file.text(), file: file.url.path)
    }

    /// Adds `tariff` (the one of that name replaced); returns whether it replaced one. The file is checked to read
    /// before it is written.
    @discardableResult
    func save(_ tariff: Tariff) throws -> Bool {
        var replaced = false
        try file.edit { text in
            let without = ConfigFile.removing(section: "tariffs", name: tariff.name, from: text)
            replaced = without != nil
            let updated = ConfigFile.appending(
                "tariffs.\(ConfigFile.key(tariff.name))", fields: TariffConfiguration.fields(tariff), to: without ?? text)
            _ = try TariffConfiguration.parse(updated, file: file.url.path)
            _ = try Configuration.parse(updated, file: file.url.path)
            return updated
        }
        return replaced
    }

    /// Removes the tariff named `name`; false when there was none.
    func remove(_ name: String) throws -> Bool {
        var removed = false
        try file.edit { text in
            guard let without = ConfigFile.removing(section: "tariffs", name: name, from: text) else { return nil }
            removed = true
            return without
        }
        return removed
    }
}
