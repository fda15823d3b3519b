// swift-tools-version:6.0
// ccsh, the Connected Car Shell, and its sandbox (a local simulator of the Connected Car v4 API).
import PackageDescription

let package = Package(
    name: "ccsh",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ccsh", targets: ["ccsh"]),
        .executable(name: "ccsh-sandbox", targets: ["ccsh-sandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // C borders: only CurlTransport.swift imports CCurl, only the line reader imports CEdit.
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // libedit's headers (libedit-dev); the library itself is loaded when an interactive shell starts.
        .target(name: "CEdit", dependencies: ["CLibraryLoader"]),
        // dlopen and dlsym for the libraries loaded on first use (CEdit, CSQLite).
        .target(name: "CLibraryLoader"),

        // The language (knows nothing of HTTP) and the API session (knows nothing of the language).
        // Shell reads the API's timestamp and duration formats from APIContract (Foundation only) to show them.
        .target(name: "Shell", dependencies: ["APIContract", "CThreadStack", .product(name: "Yams", package: "Yams")]),
        // The calling thread's stack bounds (a GNU extension Swift's Glibc does not show), for the evaluator's depth
        // budget; only Shell/Evaluation/StackDepth.swift imports it.
        .target(name: "CThreadStack"),
        .target(
            name: "Client",
            dependencies: [
                // The PKCE SHA-256 and `doctor`'s certificate checks use the system's libcrypto (COpenSSL), which libcurl
                // already loads: no second TLS stack is built for ccsh.
                "CCurl", "COpenSSL", "APIContract", "SafeFile", .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .target(
            name: "Commands",
            dependencies: [
                "Shell", "Client", "APIContract", "Listener", "SafeFile", "History", .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        // `listen`: a webhook receiver on POSIX sockets and one poll loop (no server framework, no second TLS stack).
        // Optimized in debug builds too, as the sandbox is: the tests throw a thousand posts at it.
        .target(
            name: "Listener", dependencies: ["APIContract", "COpenSSL", "SafeFile"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // The system's OpenSSL (libcurl's own) for `listen --tls` and the client's crypto; only Listener/TLS.swift and
        // Client/Crypto/LibCrypto.swift import it.
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .executableTarget(
            name: "ccsh",
            dependencies: ["Commands", "Shell", "Client", "APIContract", "CEdit", "SafeFile"],
            // Release: a fixed-address executable. As a PIE, the Swift runtime, Foundation and ICU linked in make the
            // loader apply ~120 000 relocations and dirty ~200 pages at every start: 2.5 ms of `ccsh -c 'status 0'`
            // (bench/README.md). Shared libraries (libcurl, OpenSSL) keep their address randomization. The C++ runtime
            // that the Swift runtime needs is linked in too (scripts/link/libstdc++.so says how): 1 ms more.
            linkerSettings: [
                .unsafeFlags(
                    ["-Xclang-linker", "-no-pie", "-L\(Context.packageDirectory)/scripts/link"],
                    .when(platforms: [.linux], configuration: .release))
            ]),

        // What the API accepts, shared by the sandbox (which enforces it) and ccsh (which checks a monitor body before
        // sending it): strict JSON, the monitor body rules, the API's timestamp and locale formats. Foundation only.
        .target(name: "APIContract"),
        // What `record` keeps: the car's history in SQLite (WAL, migrations) and what is derived from it — charge
        // sessions, drives, parked periods, energy per day. Knows API documents (APIContract's JSON), never HTTP.
        .target(name: "History", dependencies: ["APIContract", "SafeFile", "CSQLite"]),
        // SQLite's headers (libsqlite3-dev); the library itself is loaded when a history database is first opened.
        .target(name: "CSQLite", dependencies: ["CLibraryLoader"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "APIContract"]),
        // The one writer of every file ccsh and the sandbox keep (atomic, unique temporary, final mode, directory
        // synced) and the advisory lock around a shared file's read-modify-write. Foundation only.
        .target(name: "SafeFile"),

        // The sandbox: a separate HTTPS server that shares nothing with Client but the wire protocol.
        .target(
            name: "Sandbox",
            dependencies: [
                "APIContract", "SafeFile",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Optimized even in debug builds: every test and the demo lean on the sandbox, and its contract includes
            // "any page in under 20 ms" (bench/sandbox-scale.sh). ccsh is an app, never a dependency, so unsafeFlags
            // costs nothing here.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .executableTarget(
            name: "ccsh-sandbox",
            dependencies: ["Sandbox", "APIContract", "SafeFile", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Test helpers: start a real sandbox process, read its sandbox.json.
        .target(name: "TestSupport", dependencies: ["Client", "PseudoTerminal"]),
        // Runs a program on a real pseudo-terminal (REPL tests, bench/repl.sh); Foundation only.
        .target(name: "PseudoTerminal"),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox", "APIContract", "Client", "TestSupport", "ccsh-sandbox",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]),
        // bench/: measured speed claims.
        .executableTarget(name: "json-read-bench", dependencies: ["Shell"], path: "bench/JSONRead"),
        .executableTarget(name: "data-pipeline-bench", dependencies: ["Shell", "Commands"], path: "bench/DataPipeline"),
        .executableTarget(name: "render-bench", dependencies: ["Shell", "Commands"], path: "bench/Render"),
        .executableTarget(name: "history-fill", dependencies: ["History", "APIContract"], path: "bench/HistoryFill"),
        .executableTarget(name: "repl-bench", dependencies: ["Shell", "Commands", "PseudoTerminal"], path: "bench/REPL"),
        // fuzz/: the seeded fuzzer over the lexer, parser, evaluator and JSON reader (`make fuzz`).
        .executableTarget(name: "ccsh-fuzz", dependencies: ["Shell", "Commands", "APIContract", "Client", "FuzzSupport"], path: "fuzz/Fuzz"),
        // fuzz/Listen: the protocol fuzzer of `listen`, against a real listener over loopback (`make fuzz`).
        .executableTarget(name: "listen-fuzz", dependencies: ["Listener", "APIContract", "FuzzSupport"], path: "fuzz/Listen"),
        // What both fuzzers share: the seeded random number generator.
        .target(name: "FuzzSupport", path: "fuzz/Support"),
        .testTarget(name: "ShellTests", dependencies: ["Shell"], resources: [.copy("Fixtures")]),
        // The golden screens are read from the source tree (#filePath), where CCSH_UPDATE_SCREENS=1 rewrites them.
        .testTarget(
            name: "CommandsTests", dependencies: ["Commands", "Shell", "APIContract", "Listener", "TestSupport", "ccsh", "History"],
            exclude: ["Fixtures/Screens"]),
        .testTarget(name: "ClientTests", dependencies: ["Client", "TestSupport", "ccsh-sandbox", "client-probe"]),
        // A helper process for ClientTests: two of them share one profile's tokens.
        .executableTarget(name: "client-probe", dependencies: ["Client", "TestSupport"], path: "Tests/ClientProbe"),
    ]
)
