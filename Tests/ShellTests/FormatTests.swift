import Shell
import Testing

/// CSV and YAML writers and readers: quoting, order, kinds, and errors with a place.
@Suite struct FormatTests {
    @Test("CSV: columns in first-seen order, quoting where needed, nested values as JSON")
    func csvWriter() throws {
        let rows: Value = [["a": 1, "b": "x,y"], ["b": " padded", "c": ["n": [1, 2]]], ["a": "line\nbreak", "c": .null]]
        #expect(try CSV.write(rows) == "a,b,c\n1,\"x,y\",\n,\" padded\",\"{\"\"n\"\":[1,2]}\"\n\"line\nbreak\",,\n")
        #expect(throws: ShellError.self) { try CSV.write([1, 2]) }
    }

    @Test("CSV: quoted fields may hold quotes, commas and newlines; kinds are inferred")
    func csvReader() throws {
        let text = "name,n,f,ok,note\r\n\"a \"\"q\"\"\",1,2.5,true,\"x,\ny\"\r\nb,-3,1e3,false,\n"
        #expect(
            try CSV.read(text) == [
                ["name": "a \"q\"", "n": 1, "f": 2.5, "ok": true, "note": "x,\ny"], ["name": "b", "n": -3, "f": 1000.0, "ok": false, "note": ""],
            ])
    }

    @Test("CSV: errors say where")
    func csvErrors() {
        let unterminated = #expect(throws: ShellError.self) { try CSV.read("a,b\n1,\"open\n") }
        #expect(unterminated?.message == "CSV 2:3: unterminated quoted field")
        let error = #expect(throws: ShellError.self) { try CSV.read("a\nx\"y\n") }
        #expect(error?.message == "CSV 2:2: a quote inside an unquoted field")
    }

    @Test("YAML: order kept, strings that look like other kinds quoted, round trip")
    func yaml() throws {
        let value: Value = ["vin": "VR3", "zip": "01234", "on": "yes", "n": 3, "f": 2.0, "ok": false, "none": .null, "list": [1, ["é": "ü"]]]
        let text = try YAML.write(value)
        #expect(text == "vin: VR3\nzip: \"01234\"\n\"on\": \"yes\"\nn: 3\nf: 2.0\nok: false\nnone: null\nlist:\n- 1\n- é: ü\n")
        #expect(try YAML.read(text) == value)
    }

    @Test("YAML: a syntax error has a line and column")
    func yamlError() {
        let error = #expect(throws: ShellError.self) { try YAML.read("a: [1, 2\nb: 3\n") }
        #expect(error?.message.hasPrefix("invalid YAML at ") == true, "\(error?.message ?? "")")
    }
}
