package io.iamledger.infra.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.infra.authz.AccessRequest;
import io.iamledger.infra.audit.ResponseElements;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryRequest;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.infra.sigv4.IncomingRequest;
import io.iamledger.infra.sigv4.SigV4Verifier;
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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The awsQuery endpoint ({@code POST /}, form body; {@code GET /?Action=…} works too) for IAM and STS:
 * authenticate with SigV4 (the signing name chooses the service), parse, authorize, dispatch to the action's
 * handler, and render any failure as AWS's {@code <ErrorResponse>} with its HTTP status. CloudTrail's awsJson1_1
 * calls (an {@code X-Amz-Target} header) are served on the same path. Every call, whatever its outcome, leaves
 * one audit record: a write's commits in the write's own transaction, the others are queued. Unexpected failures
 * become {@code ServiceFailure} (500) with no detail for the caller; the log gets the request id and the stack.
 */
final class AwsQueryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(AwsQueryServlet.class);
    /** Larger than any legal IAM request (documents are at most 131,072 characters, URL-encoded up to 3x). */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final transient Actions actions;
    private final transient SigV4Verifier<Caller> verifier;
    private final transient IdGenerator ids;
    private final transient Clock clock;
    private final transient Authorizer authorizer;
    private final transient ReadGate readGate;
    private final transient CommandSender commands;
    private final transient CallRecorder recorder;
    private final transient CloudTrailActions cloudTrail;
    private final transient CallerCredentials credentials;
    private final transient WebIdentityActions webIdentity;

    AwsQueryServlet(Actions actions, CallerCredentials credentials, IdGenerator ids, Clock clock,
                    Authorizer authorizer,
                    ReadGate readGate, CommandSender commands, CallRecorder recorder,
                    CloudTrailActions cloudTrail, WebIdentityActions webIdentity) {
        this.readGate = readGate;
        this.actions = actions;
        this.authorizer = authorizer;
        this.ids = ids;
        this.clock = clock;
        this.commands = commands;
        this.recorder = recorder;
        this.cloudTrail = cloudTrail;
        this.credentials = credentials;
        this.webIdentity = webIdentity;
        this.verifier = SigV4Verifier.builder(credentials)
                .clock(clock)
                .build();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = ids.requestId();
        Instant receivedAt = clock.instant();
        String target = request.getHeader("X-Amz-Target");
        CallRecorder.Facts facts = new CallRecorder.Facts();
        QueryService service = QueryService.IAM;
        byte[] body = null;
        try {
            body = readBody(request);
            if (target != null) {
                serveJson(request, response, body, target, requestId, receivedAt, facts);
                return;
            }
            service = guessService(body, request.getQueryString());
            facts.eventSource = service.signingName() + ".amazonaws.com";
            // the token authenticates it: AWS ignores a signature, and the SDKs send none
            if (service == QueryService.STS
                    && WebIdentityActions.ACTION.equals(actionNamed(body, request.getQueryString()))) {
                serveWebIdentity(request, response, body, requestId, receivedAt, facts);
                return;
            }
            VerifiedCaller<Caller> verified = verifier.verify(incoming(request, body));
            service = serviceFor(verified.service());
            facts.eventSource = service.signingName() + ".amazonaws.com";
            facts.region = service == QueryService.IAM ? CallRecorder.IAM_REGION : verified.region();
            credentials.noteUse(verified, facts.region, receivedAt);
            QueryRequest query = QueryRequest.parse(service, actions.names(service),
                    request.getQueryString(), isForm(request) ? body : new byte[0]);
            facts.action = query.action();
            facts.parameterTree = query.parameters().asTree();
            facts.requestParameters = ResponseElements.requestParameters(facts.parameterTree);
            Actions.Action handler = actions.find(service, facts.action).orElseThrow();
            facts.readOnly = handler.readOnly();
            Caller caller = verified.principal();
            facts.caller = caller;
            AccessRequest access = new AccessRequest(service, facts.action, query.parameters(), caller.accountId(),
                    caller.identity(), CallRecorder.remoteAddress(request), request.isSecure(), verified.region(),
                    receivedAt, caller.session());
            authorizer.authorize(access);
            ApiCall call = new ApiCall(requestId, service, facts.action, query.parameters(), caller, receivedAt,
                    access);
            String xml;
            if (handler.readOnly()) {
                // read-your-writes for every read, in one place: no handler can forget it
                readGate.awaitOwnChanges(caller.accountId());
                xml = handler.handler().handle(call);
                recorder.success(request, requestId, receivedAt, facts);
            } else {
                // the record commits with the call's events, or neither does
                xml = commands.call(caller.accountId(), () -> handler.handler().handle(call),
                        (result, events) -> recorder.successInTransaction(request, requestId, receivedAt, facts,
                                ResponseElements.fromQueryResponse(result), events));
            }
            respond(response, 200, requestId, XmlResponseWriter.CONTENT_TYPE, xml);
        } catch (IamException e) {
            nameUnparsedCall(facts, service, body, request.getQueryString(), target);
            recorder.failure(request, requestId, receivedAt, facts, e.code().awsCode(), e.getMessage());
            if (target != null) {
                respond(response, e.code().httpStatus(), requestId, CloudTrailActions.CONTENT_TYPE,
                        cloudTrail.error(e));
            } else {
                respond(response, e.code().httpStatus(), requestId, XmlResponseWriter.CONTENT_TYPE,
                        XmlResponseWriter.error(service, e, requestId));
            }
        } catch (RuntimeException e) {
            nameUnparsedCall(facts, service, body, request.getQueryString(), target);
            log.error("request {} ({}) failed", requestId, facts.action, e);
            String message = "An internal error occurred. Request id: " + requestId;
            recorder.failure(request, requestId, receivedAt, facts, ErrorCode.SERVICE_FAILURE.awsCode(), message);
            IamException failure = new IamException(ErrorCode.SERVICE_FAILURE, message);
            respond(response, 500, requestId, target != null ? CloudTrailActions.CONTENT_TYPE
                    : XmlResponseWriter.CONTENT_TYPE, target != null ? cloudTrail.error(failure)
                    : XmlResponseWriter.error(service, failure, requestId));
        }
    }

    /**
     * AssumeRoleWithWebIdentity, signed or not: the token authenticates. The session's event and the
     * call's audit record commit together in the role's account.
     */
    private void serveWebIdentity(HttpServletRequest request, HttpServletResponse response, byte[] body,
                                  String requestId, Instant receivedAt, CallRecorder.Facts facts) throws IOException {
        facts.action = WebIdentityActions.ACTION;
        facts.region = CallRecorder.IAM_REGION;
        QueryRequest query = QueryRequest.parse(QueryService.STS, Set.of(WebIdentityActions.ACTION),
                request.getQueryString(), isForm(request) ? body : new byte[0]);
        facts.parameterTree = query.parameters().asTree();
        facts.requestParameters = ResponseElements.requestParameters(facts.parameterTree);
        String roleAccount = WebIdentityActions.roleAccount(query.parameters());
        String xml = commands.call(roleAccount,
                () -> webIdentity.assume(query.parameters(), requestId, receivedAt, who -> facts.webIdentity = who),
                (result, events) -> recorder.successInTransaction(request, requestId, receivedAt, facts,
                        ResponseElements.fromQueryResponse(result), events));
        respond(response, 200, requestId, XmlResponseWriter.CONTENT_TYPE, xml);
    }

    /** The {@code Action} an awsQuery form or query names, before it is parsed; empty when none. */
    private static String actionNamed(byte[] body, String query) {
        String form = new String(body, StandardCharsets.ISO_8859_1) + "&" + Optional.ofNullable(query).orElse("");
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return pair.substring("Action=".length());
            }
        }
        return "";
    }

    /** CloudTrail's awsJson1_1 protocol: one endpoint, the operation in {@code X-Amz-Target}. */
    private void serveJson(HttpServletRequest request, HttpServletResponse response, byte[] body, String target,
                           String requestId, Instant receivedAt, CallRecorder.Facts facts) throws IOException {
        facts.eventSource = "cloudtrail.amazonaws.com";
        facts.readOnly = true;
        facts.action = target.substring(target.lastIndexOf('.') + 1);
        VerifiedCaller<Caller> verified = verifier.verify(incoming(request, body));
        facts.region = verified.region();
        credentials.noteUse(verified, facts.region, receivedAt);
        Caller caller = verified.principal();
        facts.caller = caller;
        if (!verified.service().equals("cloudtrail")) {
            throw new IamException(ErrorCode.UNKNOWN_OPERATION, "The service " + verified.service()
                    + " does not serve " + target + ".");
        }
        String operation = CloudTrailActions.operation(target);
        JsonNode parameters = cloudTrail.parse(body);
        facts.requestParameters = parameters;
        // CloudTrail is regional, as STS is: aws:RequestedRegion is the region the caller signed for
        authorizer.authorizePermission(new AccessRequest(QueryService.STS, operation, QueryParameters.none(),
                caller.accountId(), caller.identity(), CallRecorder.remoteAddress(request), request.isSecure(),
                verified.region(), receivedAt, caller.session()), "cloudtrail:" + operation, "*");
        String json = cloudTrail.lookupEvents(caller.accountId(), parameters);
        recorder.success(request, requestId, receivedAt, facts);
        respond(response, 200, requestId, CloudTrailActions.CONTENT_TYPE, json);
    }

    static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw IamException.validation("Request body is larger than " + MAX_BODY_BYTES + " bytes.");
            }
            return body;
        }
    }

    static IncomingRequest incoming(HttpServletRequest request, byte[] body) {
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

    /**
     * For an awsQuery call refused before it was parsed (at authentication, say): the {@code Action} it names, if
     * it is one of {@code service}'s, and whether that action reads, so that its audit record says what it tried.
     * Only failures pay for this.
     */
    private void nameUnparsedCall(CallRecorder.Facts facts, QueryService service, byte[] body, String query,
                                  String target) {
        if (target != null || !facts.action.isEmpty() || body == null) {
            return;
        }
        String form = new String(body, StandardCharsets.ISO_8859_1) + "&" + Optional.ofNullable(query).orElse("");
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                String name = pair.substring("Action=".length());
                actions.find(service, name).ifPresent(action -> {
                    facts.action = name;
                    facts.readOnly = action.readOnly();
                });
                return;
            }
        }
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

    private static void respond(HttpServletResponse response, int status, String requestId, String contentType,
                                String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("x-amzn-RequestId", requestId);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
