package io.iamledger.infra.api;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.infra.authz.AccessRequest;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.StoredCredential;
import io.iamledger.infra.protocol.QueryRequest;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.infra.sigv4.IncomingRequest;
import io.iamledger.infra.sigv4.SigV4Verifier;
import io.iamledger.infra.sigv4.SigningCredential;
import io.iamledger.infra.sigv4.VerifiedCaller;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The awsQuery endpoint ({@code POST /}, form body; {@code GET /?Action=…} works too) for IAM and STS:
 * authenticate with SigV4 (the signing name chooses the service), parse, authorize, dispatch to the action's
 * handler, and render any failure as AWS's {@code <ErrorResponse>} with its HTTP status. Unexpected failures
 * become {@code ServiceFailure} (500) with no detail for the caller; the log gets the request id and the stack.
 */
final class AwsQueryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(AwsQueryServlet.class);
    /** Larger than any legal IAM request (documents are at most 131,072 characters, URL-encoded up to 3x). */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final transient Actions actions;
    private final transient SigV4Verifier<StoredCredential> verifier;
    private final transient IdGenerator ids;
    private final transient Clock clock;
    private final transient Authorizer authorizer;
    private final transient ReadGate readGate;

    AwsQueryServlet(Actions actions, CredentialVault vault, IdGenerator ids, Clock clock, Authorizer authorizer,
                    ReadGate readGate) {
        this.readGate = readGate;
        this.actions = actions;
        this.authorizer = authorizer;
        this.ids = ids;
        this.clock = clock;
        this.verifier = SigV4Verifier.<StoredCredential>builder(accessKeyId -> vault.find(accessKeyId)
                        .filter(credential -> credential.status() == AccessKeyStatus.Active)
                        .map(credential -> SigningCredential.longTerm(credential.secret(), credential)))
                .clock(clock)
                .build();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = ids.requestId();
        QueryService service = QueryService.IAM;
        String action = "";
        try {
            byte[] body = readBody(request);
            service = guessService(body, request.getQueryString());
            VerifiedCaller<StoredCredential> verified = verifier.verify(incoming(request, body));
            service = serviceFor(verified.service());
            QueryRequest query = QueryRequest.parse(service, actions.names(service), request.getQueryString(),
                    isForm(request) ? body : new byte[0]);
            action = query.action();
            Actions.Action handler = actions.find(service, action).orElseThrow();
            StoredCredential credential = verified.principal();
            Caller caller = new Caller(credential.accountId(), credential.owner(), credential.accessKeyId());
            Instant receivedAt = clock.instant();
            authorizer.authorize(new AccessRequest(service, action, query.parameters(), caller.accountId(),
                    caller.identity(), Optional.ofNullable(request.getRemoteAddr()).orElse(""), request.isSecure(),
                    verified.region(), receivedAt));
            if (handler.readOnly()) {
                // read-your-writes for every read, in one place: no handler can forget it
                readGate.awaitOwnWrites(caller.accountId());
            }
            String xml = handler.handler().handle(new ApiCall(requestId, service, action, query.parameters(), caller,
                    receivedAt));
            respond(response, 200, requestId, xml);
        } catch (IamException e) {
            respond(response, e.code().httpStatus(), requestId, XmlResponseWriter.error(service, e, requestId));
        } catch (RuntimeException e) {
            log.error("request {} ({}) failed", requestId, action, e);
            respond(response, 500, requestId, XmlResponseWriter.error(service, ErrorCode.SERVICE_FAILURE,
                    "An internal error occurred. Request id: " + requestId, requestId));
        }
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw IamException.validation("Request body is larger than " + MAX_BODY_BYTES + " bytes.");
            }
            return body;
        }
    }

    private static IncomingRequest incoming(HttpServletRequest request, byte[] body) {
        IncomingRequest.Builder builder = IncomingRequest.builder()
                .method(request.getMethod())
                .rawPath(request.getRequestURI())
                .rawQuery(request.getQueryString() == null ? "" : request.getQueryString())
                .body(body);
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        return builder.build();
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** Before authentication the signing name is unknown; the Version parameter tells which namespace to answer in. */
    private static QueryService guessService(byte[] body, String query) {
        String version = QueryService.STS.version();
        boolean sts = new String(body, StandardCharsets.ISO_8859_1).contains("Version=" + version)
                || Optional.ofNullable(query).orElse("").contains("Version=" + version);
        return sts ? QueryService.STS : QueryService.IAM;
    }

    private static QueryService serviceFor(String signingName) {
        for (QueryService service : QueryService.values()) {
            if (service.signingName().equals(signingName)) {
                return service;
            }
        }
        throw new IamException(ErrorCode.INVALID_ACTION, "The service " + signingName
                + " is not served on this endpoint.");
    }

    private static void respond(HttpServletResponse response, int status, String requestId, String xml)
            throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(XmlResponseWriter.CONTENT_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("x-amzn-RequestId", requestId);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
