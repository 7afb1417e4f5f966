import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTP (or, with a certificate, HTTPS) server on 127.0.0.1 for the step tests, with a few
/// fixed routes: `/health` → `ok`, `/status/N` → status N, `/json` → a JSON document,
/// `/redirect` → 302 to `/health`, `/echo` → the request back, `/slow` → `ok` after two seconds.
final class LoopbackHTTPServer: Sendable {
    let port: Int
    private let channel: any Channel

    static let json = #"{"status": "ready", "version": "1.4.2", "replicas": 3, "items": [{"name": "a", "port": 80}, {"name": "b", "port": 8080}], "labels": {"app.kubernetes.io/name": "web"}}"#

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    static func start(tls: NIOSSLContext? = nil) async throws -> LoopbackHTTPServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return LoopbackHTTPServer(port: channel.localAddress?.port ?? 0, channel: channel)
    }

    func stop() async {
        try? await channel.close()
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        // Confined to its channel's event loop, as NIO handlers are.
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private var head: HTTPRequestHead?
        private var body = ""

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let received):
                head = received
                body = ""
            case .body(var buffer):
                body += buffer.readString(length: buffer.readableBytes) ?? ""
            case .end:
                guard let head else { return }
                respond(to: head, context: context)
            }
        }

        private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
            var headers = HTTPHeaders()
            if let id = head.headers.first(name: "X-Request-ID") { headers.add(name: "X-Request-ID", value: id) }
            var status = HTTPResponseStatus.ok
            var text = "ok\n"
            var delay: TimeAmount?
            switch head.uri {
            case "/health": break
            case "/json":
                headers.add(name: "Content-Type", value: "application/json")
                text = LoopbackHTTPServer.json
            case "/redirect":
                status = .found
                headers.add(name: "Location", value: "/health")
                text = ""
            case "/echo":
                text = "\(head.method.rawValue) \(head.uri)\n"
                for (name, value) in head.headers { text += "\(name): \(value)\n" }
                text += "\n" + body
            case "/slow":
                delay = .seconds(2)
            case let uri where uri.hasPrefix("/status/"):
                status = HTTPResponseStatus(statusCode: Int(uri.dropFirst("/status/".count)) ?? 500)
                text = "status \(status.code)\n"
            default:
                status = .notFound
                text = "not found\n"
            }
            headers.add(name: "Content-Length", value: String(text.utf8.count))
            headers.add(name: "Connection", value: "close")
            let response = HTTPResponseHead(version: head.version, status: status, headers: headers)
            let send = { [self] in
                context.write(wrapOutboundOut(.head(response)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
            }
            if let delay {
                context.eventLoop.scheduleTask(in: delay) { send() }
            } else {
                send()
            }
        }
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost, made with the `openssl` command;
/// nil when it is not installed.
struct TestCertificate {
    let folder: URL
    var certificatePath: String { folder.appending(path: "cert.pem").path }
    var keyPath: String { folder.appending(path: "key.pem").path }

    static func make() throws -> TestCertificate? {
        let candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        guard let openssl = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let folder = FileManager.default.temporaryDirectory.appending(path: "lab-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", folder.appending(path: "key.pem").path, "-out", folder.appending(path: "cert.pem").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return TestCertificate(folder: folder)
    }

    func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}
