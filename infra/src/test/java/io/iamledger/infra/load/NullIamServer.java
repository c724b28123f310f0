package io.iamledger.infra.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The write benchmark's ceiling: an HTTP server on loopback that reads each request and answers CreateUser and
 * AttachUserPolicy with one fixed, valid awsQuery response each, checking no signature and storing nothing. What
 * the SDK clients reach against it is what the client side and this machine allow, with a server that costs as
 * little as the JDK's own HTTP server does. Anything else gets a 400 {@code InvalidAction}, so a client that calls
 * something else fails loudly instead of measuring nothing.
 */
final class NullIamServer implements AutoCloseable {
    private static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final byte[] CREATE_USER = ("<CreateUserResponse xmlns=\"" + NAMESPACE + "\"><CreateUserResult>"
            + "<User><Path>/</Path><UserName>null-user</UserName><UserId>AIDANULLSERVERUSER01</UserId>"
            + "<Arn>arn:aws:iam::000000000000:user/null-user</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>"
            + "</User></CreateUserResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000"
            + "</RequestId></ResponseMetadata></CreateUserResponse>").getBytes(StandardCharsets.UTF_8);
    private static final byte[] ATTACH_USER_POLICY = ("<AttachUserPolicyResponse xmlns=\"" + NAMESPACE + "\">"
            + "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>"
            + "</AttachUserPolicyResponse>").getBytes(StandardCharsets.UTF_8);
    private static final byte[] INVALID_ACTION = ("<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error>"
            + "<Type>Sender</Type><Code>InvalidAction</Code><Message>The null server answers only CreateUser and "
            + "AttachUserPolicy.</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId>"
            + "</ErrorResponse>").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;

    private NullIamServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on a free loopback port with {@code threads} request threads (one per keep-alive client suffices). */
    static NullIamServer start(int threads) throws IOException {
        // without it, the response's headers and body leave in two segments and the second waits for the client's
        // delayed ACK: 40 ms a call, a ceiling set by a timer rather than by the CPU
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", NullIamServer::answer);
        server.start();
        return new NullIamServer(server, executor);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] request;
        try (InputStream body = exchange.getRequestBody()) {
            request = body.readAllBytes();
        }
        String form = new String(request, StandardCharsets.UTF_8);
        byte[] response;
        int status = 200;
        if (form.contains("Action=CreateUser&") || form.endsWith("Action=CreateUser")) {
            response = CREATE_USER;
        } else if (form.contains("Action=AttachUserPolicy")) {
            response = ATTACH_USER_POLICY;
        } else {
            response = INVALID_ACTION;
            status = 400;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
        exchange.sendResponseHeaders(status, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
