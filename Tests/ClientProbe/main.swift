// client-probe: sends `count` GET requests (default path /user) through one Session on a sandbox, pausing
// `pause` ms between them, sharing the token directory with whoever else runs; logs in with the sandbox's demo
// user first when the directory holds no tokens. Exit 0 when every request succeeded, 1 with the first error on
// stderr. Used by the client tests (two processes on one profile) and by bench/client-vs-curl.sh.
import Client
import Foundation
import TestSupport

let arguments = CommandLine.arguments
guard (5...6).contains(arguments.count), let count = Int(arguments[3]), let pause = Double(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: client-probe SANDBOX_DIR TOKEN_DIR COUNT PAUSE_MS [PATH]\n".utf8))
    exit(64)
}
let path = arguments.count == 6 ? arguments[5] : "/user"
do {
    let endpoints = try SandboxEndpoints.load(URL(fileURLWithPath: arguments[1]))
    let session = try endpoints.session(tokenDirectory: URL(fileURLWithPath: arguments[2]))
    if try session.keeper.current() == nil { try session.login(username: endpoints.username, password: endpoints.password) }
    for _ in 0..<count {
        _ = try session.send(.get(path))
        if pause > 0 { Thread.sleep(forTimeInterval: pause / 1000) }
    }
} catch {
    FileHandle.standardError.write(Data("client-probe: \(error)\n".utf8))
    exit(1)
}
