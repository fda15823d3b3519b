/// JSON that could not be read, with where: 1-based line and column (in characters) and the byte offset.
package struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    package var message: String
    package var line: Int
    package var column: Int
    package var offset: Int

    package init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    package var description: String { "\(line):\(column): \(message)" }
}
