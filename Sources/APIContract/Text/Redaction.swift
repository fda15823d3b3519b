/// The one way a secret is shown: `***`, in place of a token in a trace, of a credential in the history, of a
/// literal client secret in `profile show`, and as a token's own description.
package enum Redaction {
    package static let mark = "***"
}
