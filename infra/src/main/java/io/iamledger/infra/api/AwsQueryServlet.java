package io.iamledger.infra.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.infra.authz.AccessRequest;
import io.iamledger.infra.audit.AuditLog;
import io.iamledger.infra.audit.AuditRecord;
import io.iamledger.infra.audit.ResponseElements;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.StoredCredential;
import io.iamledger.infra.protocol.QueryParameters;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
    /** IAM's one endpoint is in us-east-1, whatever region a client signs for. */
    private static final String IAM_REGION = "us-east-1";

    private final transient Actions actions;
    private final transient SigV4Verifier<StoredCredential> verifier;
    private final transient CredentialVault vault;
    private final transient IdGenerator ids;
    private final transient Clock clock;
    private final transient Authorizer authorizer;
    private final transient ReadGate readGate;
    private final transient CommandSender commands;
    private final transient AuditLog audit;
    private final transient CloudTrailActions cloudTrail;
    private final transient Supplier<String> defaultAccount;

    AwsQueryServlet(Actions actions, CredentialVault vault, IdGenerator ids, Clock clock, Authorizer authorizer,
                    ReadGate readGate, CommandSender commands, AuditLog audit, CloudTrailActions cloudTrail,
                    Supplier<String> defaultAccount) {
        this.readGate = readGate;
        this.actions = actions;
        this.vault = vault;
        this.authorizer = authorizer;
        this.ids = ids;
        this.clock = clock;
        this.commands = commands;
        this.audit = audit;
        this.cloudTrail = cloudTrail;
        this.defaultAccount = defaultAccount;
        this.verifier = SigV4Verifier.<StoredCredential>builder(accessKeyId -> vault.find(accessKeyId)
                        .filter(credential -> credential.status() == AccessKeyStatus.Active)
                        .map(credential -> SigningCredential.longTerm(credential.secret(), credential)))
                .clock(clock)
                .build();
    }

    /** What the audit record of a call needs to know, filled in as the call gets further. */
    private static final class CallFacts {
        QueryService service = QueryService.IAM;
        String eventSource = "iam.amazonaws.com";
        String action = "";
        boolean readOnly;
        String region = IAM_REGION;
        Caller caller;
        JsonNode requestParameters = JsonNodeFactory.instance.nullNode();
        Map<String, Object> parameterTree = Map.of();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = ids.requestId();
        Instant receivedAt = clock.instant();
        String target = request.getHeader("X-Amz-Target");
        CallFacts facts = new CallFacts();
        try {
            byte[] body = readBody(request);
            if (target != null) {
                serveJson(request, response, body, target, requestId, receivedAt, facts);
                return;
            }
            facts.service = guessService(body, request.getQueryString());
            facts.eventSource = facts.service.signingName() + ".amazonaws.com";
            // named before authentication, so that a refused call's record says what it tried
            facts.action = guessAction(facts.service, body, request.getQueryString());
            facts.readOnly = actions.find(facts.service, facts.action).map(Actions.Action::readOnly).orElse(false);
            VerifiedCaller<StoredCredential> verified = verifier.verify(incoming(request, body));
            facts.service = serviceFor(verified.service());
            facts.eventSource = facts.service.signingName() + ".amazonaws.com";
            facts.region = facts.service == QueryService.IAM ? IAM_REGION : verified.region();
            QueryRequest query = QueryRequest.parse(facts.service, actions.names(facts.service),
                    request.getQueryString(), isForm(request) ? body : new byte[0]);
            facts.action = query.action();
            facts.parameterTree = query.parameters().asTree();
            facts.requestParameters = ResponseElements.requestParameters(facts.parameterTree);
            Actions.Action handler = actions.find(facts.service, facts.action).orElseThrow();
            facts.readOnly = handler.readOnly();
            StoredCredential credential = verified.principal();
            Caller caller = new Caller(credential.accountId(), credential.owner(), credential.accessKeyId());
            facts.caller = caller;
            authorizer.authorize(new AccessRequest(facts.service, facts.action, query.parameters(), caller.accountId(),
                    caller.identity(), remoteAddress(request), request.isSecure(), verified.region(), receivedAt));
            ApiCall call = new ApiCall(requestId, facts.service, facts.action, query.parameters(), caller, receivedAt);
            String xml;
            if (handler.readOnly()) {
                // read-your-writes for every read, in one place: no handler can forget it
                readGate.awaitOwnWrites(caller.accountId());
                xml = handler.handler().handle(call);
                audit.append(record(request, requestId, receivedAt, facts, Optional.empty(), null).build());
            } else {
                // the record commits with the call's events, or neither does
                xml = commands.call(caller.accountId(), () -> handler.handler().handle(call),
                        (result, events) -> audit.appendInTransaction(record(request, requestId, receivedAt, facts,
                                Optional.empty(), null).responseElements(ResponseElements.fromQueryResponse(result))
                                .build(), events));
            }
            respond(response, 200, requestId, XmlResponseWriter.CONTENT_TYPE, xml);
        } catch (IamException e) {
            auditFailure(request, requestId, receivedAt, facts, e.code().awsCode(), e.getMessage());
            if (target != null) {
                respond(response, e.code().httpStatus(), requestId, CloudTrailActions.CONTENT_TYPE,
                        cloudTrail.error(e));
            } else {
                respond(response, e.code().httpStatus(), requestId, XmlResponseWriter.CONTENT_TYPE,
                        XmlResponseWriter.error(facts.service, e, requestId));
            }
        } catch (RuntimeException e) {
            log.error("request {} ({}) failed", requestId, facts.action, e);
            String message = "An internal error occurred. Request id: " + requestId;
            auditFailure(request, requestId, receivedAt, facts, ErrorCode.SERVICE_FAILURE.awsCode(), message);
            IamException failure = new IamException(ErrorCode.SERVICE_FAILURE, message);
            respond(response, 500, requestId, target != null ? CloudTrailActions.CONTENT_TYPE
                    : XmlResponseWriter.CONTENT_TYPE, target != null ? cloudTrail.error(failure)
                    : XmlResponseWriter.error(facts.service, failure, requestId));
        }
    }

    /** CloudTrail's awsJson1_1 protocol: one endpoint, the operation in {@code X-Amz-Target}. */
    private void serveJson(HttpServletRequest request, HttpServletResponse response, byte[] body, String target,
                           String requestId, Instant receivedAt, CallFacts facts) throws IOException {
        facts.eventSource = "cloudtrail.amazonaws.com";
        facts.readOnly = true;
        facts.action = target.substring(target.lastIndexOf('.') + 1);
        VerifiedCaller<StoredCredential> verified = verifier.verify(incoming(request, body));
        facts.region = verified.region();
        StoredCredential credential = verified.principal();
        Caller caller = new Caller(credential.accountId(), credential.owner(), credential.accessKeyId());
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
                caller.accountId(), caller.identity(), remoteAddress(request), request.isSecure(), verified.region(),
                receivedAt), "cloudtrail:" + operation, "*");
        String json = cloudTrail.lookupEvents(caller.accountId(), parameters);
        audit.append(record(request, requestId, receivedAt, facts, Optional.empty(), null).build());
        respond(response, 200, requestId, CloudTrailActions.CONTENT_TYPE, json);
    }

    private void auditFailure(HttpServletRequest request, String requestId, Instant receivedAt, CallFacts facts,
                              String code, String message) {
        try {
            audit.append(record(request, requestId, receivedAt, facts, Optional.of(code), message).build());
        } catch (RuntimeException e) {
            log.error("request {}: cannot record its failure in the audit trail", requestId, e);
        }
    }

    private AuditRecord.Builder record(HttpServletRequest request, String requestId, Instant receivedAt,
                                       CallFacts facts, Optional<String> errorCode, String errorMessage) {
        AuditRecord.Builder record = AuditRecord.builder(facts.eventSource,
                        facts.action.isEmpty() ? "Unknown" : facts.action, receivedAt)
                .requestId(requestId)
                .region(facts.region)
                .sourceIp(remoteAddress(request))
                .userAgent(Optional.ofNullable(request.getHeader("User-Agent")).orElse(""))
                .readOnly(facts.readOnly)
                .requestParameters(facts.requestParameters);
        Caller caller = facts.caller;
        if (caller != null) {
            record.account(caller.accountId());
            record.identity(caller.isRoot()
                    ? AuditRecord.Identity.root(caller.accountId(), Arn.root(caller.accountId()).toString(),
                            caller.accessKeyId())
                    : AuditRecord.Identity.iamUser(caller.userId(),
                            authorizer.principalArn(caller.accountId(), caller.identity()), caller.accountId(),
                            caller.accessKeyId(), caller.identity().name()));
        } else {
            // not authenticated: the key presented tells whose it is, if it exists at all
            Optional<String> key = presentedAccessKey(request);
            record.identity(AuditRecord.Identity.unknown(key));
            record.account(key.flatMap(vault::find).map(StoredCredential::accountId).orElseGet(defaultAccount));
        }
        errorCode.ifPresent(code -> record.error(code, errorMessage));
        for (Resources.Named resource : Resources.named(facts.parameterTree)) {
            record.resource(resource.type(), resource.name());
        }
        return record;
    }

    /** The access key id of {@code Authorization: AWS4-HMAC-SHA256 Credential=KEY/...} or {@code X-Amz-Credential}. */
    static Optional<String> presentedAccessKey(HttpServletRequest request) {
        String credential = null;
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            int at = authorization.indexOf("Credential=");
            if (at >= 0) {
                credential = authorization.substring(at + "Credential=".length());
            }
        } else {
            credential = request.getParameter("X-Amz-Credential");
        }
        if (credential == null) {
            return Optional.empty();
        }
        int slash = credential.indexOf('/');
        String key = slash < 0 ? credential : credential.substring(0, slash);
        // access key ids are at most 128 word characters; anything else is not worth keeping
        return key.isEmpty() || key.length() > 128 || !key.chars().allMatch(Character::isLetterOrDigit)
                ? Optional.empty() : Optional.of(key);
    }

    private static String remoteAddress(HttpServletRequest request) {
        return Optional.ofNullable(request.getRemoteAddr()).orElse("");
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

    /** The {@code Action} a request names, if it is one of {@code service}'s; empty otherwise. */
    private String guessAction(QueryService service, byte[] body, String query) {
        String form = new String(body, StandardCharsets.ISO_8859_1) + "&" + Optional.ofNullable(query).orElse("");
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                String name = pair.substring("Action=".length());
                return actions.find(service, name).isPresent() ? name : "";
            }
        }
        return "";
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
