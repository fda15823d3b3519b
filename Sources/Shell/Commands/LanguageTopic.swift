/// A page of `help` on the language itself — a keyword (`help let`) or a construct (`help blocks`) — with runnable
/// examples; the example tests run every one and check its result, as they do for commands' examples.
package struct LanguageTopic: Sendable {
    package var name: String
    /// Other names the page answers to (`help paths` for `help cell paths`).
    package var aliases: [String] = []
    package var summary: String
    /// The syntax, one form a line.
    package var forms: [String]
    package var text: String
    package var examples: [Signature.Example]

    /// Whether `help NAME` means this page.
    package func answers(_ name: String) -> Bool { name == self.name || aliases.contains(name) }

    /// The language's pages, in the order `help` lists them.
    package static let all: [LanguageTopic] = [
        LanguageTopic(
            name: "let", summary: "Name a value for the rest of the scope.", forms: ["let NAME = EXPRESSION", "let NAME = (PIPELINE)"],
            text: "The value is computed once; `$NAME` reads it, `$NAME.field.0` reads into it. A pipeline is written in parentheses.",
            examples: [
                .init(source: "let x = 5; $x * 2", description: "A number, then an expression over it.", result: 10),
                .init(
                    source: "let v = {label: car, energy: [{level: 80}]}; $v.energy.0.level", description: "A record, read by a cell path.",
                    result: 80),
            ]),
        LanguageTopic(
            name: "def", summary: "Define a command of your own.", forms: ["def NAME [PARAMETER, …] { BODY }"],
            text:
                "The body runs with each parameter as a variable; its last value is the command's result. A command defined in a script or at the prompt is used like any other, in pipelines too.",
            examples: [.init(source: "def double [n] { $n * 2 }; double 21", description: "A command with one parameter.", result: 42)]),
        LanguageTopic(
            name: "if", summary: "Run a block when a condition holds.", forms: ["if CONDITION { … }", "if CONDITION { … } else { … }"],
            text: "`else if` chains further conditions. The value of the block that ran is the statement's value.",
            examples: [
                .init(source: #"if 3 > 2 { "yes" } else { "no" }"#, description: "The first block runs.", result: "yes"),
                .init(source: #"if 1 > 2 { "a" } else if 2 > 1 { "b" } else { "c" }"#, description: "A chain.", result: "b"),
            ]),
        LanguageTopic(
            name: "for", summary: "Run a block for each item of a list.", forms: ["for NAME in EXPRESSION { … }"],
            text: "The item is `$NAME` inside the block. To make a list of results instead, pipe into `each { … }`.",
            examples: [
                .init(
                    source: "for n in [1, 2, 3] { print $n }; [1, 2, 3] | sum", description: "Print each item; then their sum.",
                    result: 6)
            ]),
        LanguageTopic(
            name: "try", summary: "Run a block, and another one if it fails.", forms: ["try { … } catch NAME { … }"],
            text:
                "The error is a record in `$NAME`: its `message`, its `code` and, when it has one, its `hint`. A script goes on after a caught error; an uncaught one stops it with its location.",
            examples: [
                .init(
                    source: "try { [1] | get 5 } catch e { $e.message }", description: "The error's message.",
                    result: "index 5 is out of range: the list has 1 item")
            ]),
        LanguageTopic(
            name: "blocks", aliases: ["block", "closures", "$it"], summary: "Code in braces that a command runs per row or once.",
            forms: ["COMMAND { … }"],
            text:
                "`each`, `where` and the like run their block for each row, with the row as `$it`. A block is not a value on its own: it is an argument of a command, or the body of `if`, `for`, `try` and `def`.",
            examples: [
                .init(source: "[1, 2, 3] | each { $it * 10 }", description: "A block per row.", result: [10, 20, 30]),
                .init(source: "[1, 2, 3, 4] | where { $it > 2 }", description: "A block as a condition.", result: [3, 4]),
            ]),
        LanguageTopic(
            name: "operators", aliases: ["operator", "and", "or", "not", "mod", "=~"], summary: "Arithmetic, comparison and logic.",
            forms: ["or", "and", "not", "== != < <= > >= =~", "+ -", "* / mod"],
            text:
                "Loosest first, as listed; parentheses group. `=~` matches a regular expression; `+` also joins strings. Comparisons of a missing field are false, so `where level < 20` skips rows without a level.",
            examples: [
                .init(source: #"(1 + 2) * 3 == 9 and "Peugeot" =~ "^P""#, description: "Grouping, arithmetic, a match.", result: true),
                .init(source: "10 mod 3", description: "The remainder.", result: 1),
                .init(source: #""e-" + "208""#, description: "Strings join.", result: "e-208"),
            ]),
        LanguageTopic(
            name: "cell paths", aliases: ["paths", "path", "cellpaths"], summary: "Read into records and lists: energy.0.level.",
            forms: ["$NAME.field.0.field", "get PATH", "where PATH < VALUE"],
            text:
                "Names read fields, numbers index lists, and a name applied to a list reads it from every row. A view's column titles are names too: `callbacks | select target`.",
            examples: [
                .init(source: "[{a: {b: 7}}] | get 0.a.b", description: "Into a list, then a record.", result: 7),
                .init(source: "[{n: 1}, {n: 2}] | get n", description: "A field from every row.", result: [1, 2]),
            ]),
    ]
}
