import Foundation

/// The inputs mutations start from: every `.ccsh` file whole and line by line, every `.json` file whole.
struct Corpus {
    var scripts: [[UInt8]] = []
    var documents: [[UInt8]] = []

    /// Reads the files at `paths` (files, or directories read recursively); unreadable paths are skipped.
    init(paths: [String]) {
        var files: [String] = []
        for path in paths {
            if let names = try? FileManager.default.subpathsOfDirectory(atPath: path) {
                files += names.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let bytes = Array(data.prefix(InputMaker.maxLength))
            if file.hasSuffix(".ccsh") {
                scripts.append(bytes)
                scripts += bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
            } else if file.hasSuffix(".json") {
                documents.append(bytes)
            }
        }
    }
}
