// client-probe: sends `count` GET /user requests through a Session on a sandbox, pausing `pause` ms between them,
// sharing the token directory with whoever else runs. Exit 0 when every request succeeded, 1 with the first
// error on stderr. Used by the client tests to run two processes on one profile.
import Client
import Foundation
import TestSupport

let arguments = CommandLine.arguments
guard arguments.count == 5, let count = Int(arguments[3]), let pause = Double(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: client-probe SANDBOX_DIR TOKEN_DIR COUNT PAUSE_MS\n".utf8))
    exit(64)
}
do {
    let endpoints = try SandboxEndpoints.load(URL(fileURLWithPath: arguments[1]))
    let session = try endpoints.session(tokenDirectory: URL(fileURLWithPath: arguments[2]))
    for _ in 0..<count {
        _ = try session.send(.get("/user"))
        Thread.sleep(forTimeInterval: pause / 1000)
    }
} catch {
    FileHandle.standardError.write(Data("client-probe: \(error)\n".utf8))
    exit(1)
}
