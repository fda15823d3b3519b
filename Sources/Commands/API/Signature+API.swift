import Shell

extension Signature {
    /// `--curl` on every API command: print the equivalent curl command (secrets as `$CCSH_TOKEN` and
    /// `$CCSH_KEY_PASSWORD`) instead of sending the request.
    func curlSwitch() -> Signature { self.switch("curl", "Print the equivalent curl command instead of sending the request.") }
}
