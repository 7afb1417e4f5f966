import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import SwiftASN1
import X509

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

/// A certificate authority made for one test, and a server certificate for 127.0.0.1 and
/// localhost that it signed — as the course's TLS exercise makes its own CA. Made in-process
/// with swift-certificates: no `openssl` command is needed, so the HTTPS tests always run.
struct TestCertificate {
    /// The authority's certificate, PEM: what a step's `ca:` names.
    let authorityPEM: String
    let serverCertificatePEM: String
    let serverKeyPEM: String

    static func make() throws -> TestCertificate {
        let now = Date()
        let authorityKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let authorityName = try DistinguishedName { CommonName("lab test CA") }
        let authority = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: authorityKey.publicKey,
            notValidBefore: now - 3600, notValidAfter: now + 86400,
            issuer: authorityName, subject: authorityName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: authorityKey)
        let serverKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let server = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: serverKey.publicKey,
            notValidBefore: now - 3600, notValidAfter: now + 86400,
            issuer: authorityName, subject: try DistinguishedName { CommonName("localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: authorityKey)
        return TestCertificate(
            authorityPEM: try authority.serializeAsPEM().pemString,
            serverCertificatePEM: try server.serializeAsPEM().pemString,
            serverKeyPEM: try serverKey.serializeAsPEM().pemString)
    }

    func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(serverCertificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serverKeyPEM.utf8), format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}
