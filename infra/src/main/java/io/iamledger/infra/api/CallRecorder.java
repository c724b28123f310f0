package io.iamledger.infra.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.iamledger.events.arn.Arn;
import io.iamledger.infra.audit.AuditLog;
import io.iamledger.infra.audit.AuditRecord;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.StoredCredential;
import io.iamledger.infra.credentials.TemporarySession;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the audit record of an HTTP call from what the endpoint learned of it ({@link Facts}), whichever protocol
 * it came in (awsQuery, awsJson, the {@code /v1} JSON API), and appends it. Thread-safe.
 */
final class CallRecorder {
    /** IAM's one endpoint is in us-east-1, whatever region a client signs for. */
    static final String IAM_REGION = "us-east-1";
    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    /** What the audit record of a call needs to know, filled in as the call gets further; one per call. */
    static final class Facts {
        String eventSource = "iam.amazonaws.com";
        String action = "";
        boolean readOnly;
        String region = IAM_REGION;
        Caller caller;
        /** For a call authenticated otherwise than by SigV4 (a web identity token): who it is, in which account. */
        WebIdentityActions.WebIdentity webIdentity;
        JsonNode requestParameters = JsonNodeFactory.instance.nullNode();
        Map<String, Object> parameterTree = Map.of();
    }

    private final AuditLog audit;
    private final Authorizer authorizer;
    private final CredentialVault vault;
    private final Supplier<String> defaultAccount;

    CallRecorder(AuditLog audit, Authorizer authorizer, CredentialVault vault, Supplier<String> defaultAccount) {
        this.audit = audit;
        this.authorizer = authorizer;
        this.vault = vault;
        this.defaultAccount = defaultAccount;
    }

    /** Queues the record of a call that succeeded without a transaction of its own (a read). */
    void success(HttpServletRequest request, String requestId, Instant receivedAt, Facts facts) {
        audit.append(record(request, requestId, receivedAt, facts, Optional.empty(), null).build());
    }

    /** Appends the record of a write within its transaction, naming the events it appended. */
    void successInTransaction(HttpServletRequest request, String requestId, Instant receivedAt, Facts facts,
                              JsonNode responseElements, List<String> eventIdentifiers) {
        audit.appendInTransaction(record(request, requestId, receivedAt, facts, Optional.empty(), null)
                .responseElements(responseElements).build(), eventIdentifiers);
    }

    /** Queues the record of a failed call; a failure to record is logged, never thrown over the call's own error. */
    void failure(HttpServletRequest request, String requestId, Instant receivedAt, Facts facts, String code,
                 String message) {
        try {
            audit.append(record(request, requestId, receivedAt, facts, Optional.of(code), message).build());
        } catch (RuntimeException e) {
            log.error("request {}: cannot record its failure in the audit trail", requestId, e);
        }
    }

    private AuditRecord.Builder record(HttpServletRequest request, String requestId, Instant receivedAt,
                                       Facts facts, Optional<String> errorCode, String errorMessage) {
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
            record.identity(identity(caller));
        } else if (facts.webIdentity != null) {
            record.account(facts.webIdentity.accountId());
            record.identity(facts.webIdentity.identity());
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

    /** CloudTrail's userIdentity of an authenticated caller, with the session behind temporary credentials. */
    private AuditRecord.Identity identity(Caller caller) {
        if (caller.session().isEmpty()) {
            return caller.isRoot()
                    ? AuditRecord.Identity.root(caller.accountId(), Arn.root(caller.accountId()).toString(),
                            caller.accessKeyId())
                    : AuditRecord.Identity.iamUser(caller.userId(),
                            authorizer.principalArn(caller.accountId(), caller.identity()), caller.accountId(),
                            caller.accessKeyId(), caller.identity().name());
        }
        TemporarySession session = caller.session().get();
        if (!session.isRoleSession()) {
            Caller longTerm = new Caller(caller.accountId(), caller.identity(), caller.accessKeyId());
            return identity(longTerm).withSessionContext(new AuditRecord.SessionContext(session.issuedAt(),
                    session.mfaAuthenticated(), Optional.empty(), Optional.empty()));
        }
        Map<String, String> issuer = new LinkedHashMap<>();
        issuer.put("type", "Role");
        issuer.put("principalId", session.identity().id());
        issuer.put("arn", session.roleArn().orElseThrow());
        issuer.put("accountId", session.accountId());
        issuer.put("userName", session.identity().name());
        return AuditRecord.Identity.assumedRole(session.principalId(), session.arn(), session.accountId(),
                caller.accessKeyId(), new AuditRecord.SessionContext(session.issuedAt(), session.mfaAuthenticated(),
                        Optional.of(issuer), session.sourceIdentity()));
    }

    static String remoteAddress(HttpServletRequest request) {
        return Optional.ofNullable(request.getRemoteAddr()).orElse("");
    }
}
