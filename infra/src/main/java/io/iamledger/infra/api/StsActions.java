package io.iamledger.infra.api;

import io.iamledger.command.role.IssueRoleSessionCommand;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.MfaSeedVault;
import io.iamledger.infra.credentials.SessionTokens;
import io.iamledger.infra.credentials.StoredCredential;
import io.iamledger.infra.credentials.TemporarySession;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.evaluator.ContextValue;
import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * STS actions: GetCallerIdentity (never denied), AssumeRole (decided here, from the role's trust policy and the
 * caller's policies), GetSessionToken and GetAccessKeyInfo. With {@code SerialNumber} and {@code TokenCode}, the
 * code of the caller's MFA device is checked and the session is MFA-authenticated. Temporary credentials are a fresh {@code ASIA…} key, a
 * fresh secret and a session token sealing both with the session's limits; only the session's facts, never the
 * secret or token, go into the {@code RoleSessionIssued} event.
 */
final class StsActions {
    static final int DEFAULT_ROLE_SESSION_SECONDS = 3600;
    static final int MIN_SESSION_SECONDS = 900;
    static final int MAX_ROLE_SESSION_SECONDS = 43200;
    static final int MAX_USER_SESSION_SECONDS = 129600;
    static final int DEFAULT_USER_SESSION_SECONDS = 43200;
    static final int MAX_ROOT_SESSION_SECONDS = 3600;
    static final int MAX_SESSION_POLICY_ARNS = 10;
    /** The plaintext limit of the session policies and tags one session carries, in characters. */
    static final int PACKED_LIMIT = 2048;

    private final CommandSender commands;
    private final IdGenerator ids;
    private final SessionTokens tokens;
    private final Authorizer authorizer;
    private final CredentialVault vault;
    private final MfaSeedVault mfaSeeds;
    private final Function<String, Optional<String>> sessionAccount;

    /** @param sessionAccount the account of a role session's temporary access key id, from the sessions issued */
    StsActions(CommandSender commands, IdGenerator ids, SessionTokens tokens, Authorizer authorizer,
               CredentialVault vault, MfaSeedVault mfaSeeds, Function<String, Optional<String>> sessionAccount) {
        this.mfaSeeds = mfaSeeds;
        this.sessionAccount = sessionAccount;
        this.commands = commands;
        this.ids = ids;
        this.tokens = tokens;
        this.authorizer = authorizer;
        this.vault = vault;
    }

    void register(Actions actions) {
        actions.read(QueryService.STS, "GetCallerIdentity", this::getCallerIdentity)
                .write(QueryService.STS, "AssumeRole", this::assumeRole)
                .read(QueryService.STS, "GetSessionToken", this::getSessionToken)
                .read(QueryService.STS, "GetAccessKeyInfo", this::getAccessKeyInfo);
    }

    /**
     * The caller's ARN as AWS shows it (a user's includes its path), from the authorization index that has just
     * authorized the call: no read-model query per call.
     */
    private String callerArn(Caller caller) {
        return authorizer.principalArn(caller.accountId(), caller.identity(), caller.session());
    }

    private String getCallerIdentity(ApiCall call) {
        Caller caller = call.caller();
        XmlResponseWriter out = call.result()
                .element("UserId", caller.userId())
                .element("Account", caller.accountId())
                .element("Arn", callerArn(caller));
        return call.finish(out);
    }

    private String assumeRole(ApiCall call) {
        Caller caller = call.caller();
        QueryParameters p = call.parameters();
        String roleArn = p.requiredString("RoleArn");
        String sessionName = p.requiredString("RoleSessionName");
        Optional<Integer> duration = p.optionalInt("DurationSeconds", MIN_SESSION_SECONDS, MAX_ROLE_SESSION_SECONDS);
        Optional<String> externalId = p.optionalString("ExternalId");
        Optional<String> requestedSourceIdentity = p.optionalString("SourceIdentity");
        Optional<String> policy = p.optionalString("Policy");
        List<String> policyArns = new ArrayList<>();
        for (QueryParameters descriptor : p.structList("PolicyArns")) {
            policyArns.add(descriptor.requiredString("arn"));
        }
        List<Tag> requestTags = Edge.tags(p);
        List<String> requestTransitive = p.stringList("TransitiveTagKeys");
        Optional<String> serialNumber = p.optionalString("SerialNumber");
        Optional<String> tokenCode = p.optionalString("TokenCode");

        IamNames.Check check = IamNames.check().arn("roleArn", roleArn).roleSessionName("roleSessionName", sessionName);
        externalId.ifPresent(value -> check.externalId("externalId", value));
        requestedSourceIdentity.ifPresent(value -> check.sourceIdentity("sourceIdentity", value));
        policy.ifPresent(value -> check.sessionPolicy("policy", value));
        for (int i = 0; i < policyArns.size(); i++) {
            check.arn("policyArns." + (i + 1) + ".member.arn", policyArns.get(i));
        }
        check.tags("tags", requestTags).tagKeys("transitiveTagKeys", requestTransitive);
        serialNumber.ifPresent(value -> check.serialNumber("serialNumber", value));
        tokenCode.ifPresent(value -> check.tokenCode("tokenCode", value));
        check.orThrow();

        if (caller.isRoot() && caller.session().isEmpty()) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
        }
        if (requestedSourceIdentity.filter(value -> value.toLowerCase(Locale.ROOT).startsWith("aws:")).isPresent()) {
            throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "SourceIdentity must not begin with the reserved prefix aws:");
        }
        if (policyArns.size() > MAX_SESSION_POLICY_ARNS) {
            throw IamException.validation("1 validation error detected: Value '" + policyArns + "' at 'policyArns'"
                    + " failed to satisfy constraint: Member must have length less than or equal to "
                    + MAX_SESSION_POLICY_ARNS);
        }
        policyArns.forEach(Edge::checkPolicyArn);
        policy.ifPresent(document -> PolicyDocuments.read(document, PolicyKind.IDENTITY));
        boolean mfaPresented = checkMfa(call, serialNumber, tokenCode);

        Optional<TemporarySession> callerSession = caller.session().filter(TemporarySession::isRoleSession);
        Optional<String> inheritedSourceIdentity = callerSession.flatMap(TemporarySession::sourceIdentity);
        if (inheritedSourceIdentity.isPresent() && requestedSourceIdentity.isPresent()
                && !inheritedSourceIdentity.equals(requestedSourceIdentity)) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "The source identity of a role session cannot be changed:"
                    + " the calling session's is " + inheritedSourceIdentity.get() + ".");
        }
        Optional<String> sourceIdentity = requestedSourceIdentity.or(() -> inheritedSourceIdentity);

        SessionTags sessionTags = SessionTags.of(requestTags, requestTransitive, callerSession);

        boolean mfaAuthenticated = mfaPresented || caller.session().filter(TemporarySession::mfaAuthenticated)
                .isPresent();
        Map<String, ContextValue> keys = new LinkedHashMap<>();
        if (mfaPresented) {
            // the trust policy sees the code just checked, as AWS shows it: present, zero seconds old
            keys.put("aws:MultiFactorAuthPresent", ContextValue.bool(true));
            keys.put("aws:MultiFactorAuthAge", ContextValue.number(0));
        }
        keys.put("sts:RoleSessionName", ContextValue.string(sessionName));
        externalId.ifPresent(value -> keys.put("sts:ExternalId", ContextValue.string(value)));
        requestedSourceIdentity.ifPresent(value -> keys.put("sts:SourceIdentity", ContextValue.string(value)));
        if (!requestTags.isEmpty()) {
            requestTags.forEach(tag -> keys.put("aws:RequestTag/" + tag.key(), ContextValue.string(tag.value())));
            keys.put("aws:TagKeys", ContextValue.strings(requestTags.stream().map(Tag::key).toList()));
        }
        if (!requestTransitive.isEmpty()) {
            keys.put("sts:TransitiveTagKeys", ContextValue.strings(requestTransitive));
        }
        Authorizer.AssumableRole role = authorizer.authorizeAssumeRole(call.access(), roleArn, keys,
                !requestTags.isEmpty(), requestedSourceIdentity.isPresent());

        int packedPercent = packedPercent(policy, policyArns, sessionTags.all());
        if (packedPercent > 100) {
            throw new IamException(ErrorCode.PACKED_POLICY_TOO_LARGE, "Packed policy consumes " + packedPercent
                    + "% of allotted space, please use smaller policy.");
        }

        String roleAccount = Arn.parse(role.arn()).account();
        int seconds = duration.orElse(DEFAULT_ROLE_SESSION_SECONDS);
        String accessKeyId = ids.temporaryAccessKeyId();
        String secret = ids.secretAccessKey();
        String issuerArn = callerArn(caller);
        Instant issuedAt = call.receivedAt();
        commands.send(roleAccount, new IssueRoleSessionCommand(roleAccount, role.roleId(), role.roleName(),
                role.arn(), role.maxSessionDuration(), sessionName, accessKeyId, issuerArn, caller.accountId(),
                sourceIdentity, policy, policyArns, sessionTags.all(), sessionTags.transitiveKeys(), mfaAuthenticated,
                caller.isRoleSession(), seconds, issuedAt));

        TemporarySession session = new TemporarySession(accessKeyId, roleAccount,
                IdentityRef.role(role.roleId(), role.roleName()), Optional.of(role.arn()), Optional.of(sessionName),
                Optional.of(role.trustDigest()), issuedAt, issuedAt.plusSeconds(seconds), sourceIdentity, policy,
                policyArns, sessionTags.asMap(), sessionTags.transitiveKeys(), mfaAuthenticated, issuerArn);
        XmlResponseWriter out = credentials(call.result(), tokens, session, secret)
                .start("AssumedRoleUser")
                .element("AssumedRoleId", session.principalId())
                .element("Arn", session.arn())
                .end();
        if (policy.isPresent() || !policyArns.isEmpty() || !sessionTags.all().isEmpty()) {
            out.element("PackedPolicySize", packedPercent);
        }
        sourceIdentity.ifPresent(value -> out.element("SourceIdentity", value));
        return call.finish(out);
    }

    private String getSessionToken(ApiCall call) {
        Caller caller = call.caller();
        QueryParameters p = call.parameters();
        Optional<Integer> duration = p.optionalInt("DurationSeconds", MIN_SESSION_SECONDS, MAX_USER_SESSION_SECONDS);
        Optional<String> serialNumber = p.optionalString("SerialNumber");
        Optional<String> tokenCode = p.optionalString("TokenCode");
        IamNames.Check check = IamNames.check();
        serialNumber.ifPresent(value -> check.serialNumber("serialNumber", value));
        tokenCode.ifPresent(value -> check.tokenCode("tokenCode", value));
        check.orThrow();
        if (caller.session().isPresent()) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
        }
        boolean mfaAuthenticated = checkMfa(call, serialNumber, tokenCode);
        // an account root's session lasts at most an hour, whatever it asks for (as on AWS)
        int seconds = caller.isRoot() ? Math.min(duration.orElse(MAX_ROOT_SESSION_SECONDS), MAX_ROOT_SESSION_SECONDS)
                : duration.orElse(DEFAULT_USER_SESSION_SECONDS);
        Instant issuedAt = call.receivedAt();
        TemporarySession session = new TemporarySession(ids.temporaryAccessKeyId(), caller.accountId(),
                caller.identity(), Optional.empty(), Optional.empty(), Optional.empty(), issuedAt,
                issuedAt.plusSeconds(seconds), Optional.empty(), Optional.empty(), List.of(), Map.of(), List.of(),
                mfaAuthenticated, callerArn(caller));
        return call.finish(credentials(call.result(), tokens, session, ids.secretAccessKey()));
    }

    /**
     * Checks the MFA code a GetSessionToken or AssumeRole call presents, if any: the device must be enabled for the
     * calling user, and the code current and not used before.
     *
     * @return whether a code was presented (and, since this returned, accepted)
     * @throws IamException AccessDenied when only one of the two is given, or the code is not accepted
     */
    private boolean checkMfa(ApiCall call, Optional<String> serialNumber, Optional<String> tokenCode) {
        if (serialNumber.isPresent() != tokenCode.isPresent()) {
            throw new IamException(ErrorCode.ACCESS_DENIED, "MultiFactorAuthentication failed: both SerialNumber and"
                    + " TokenCode are required.");
        }
        if (serialNumber.isEmpty()) {
            return false;
        }
        Caller caller = call.caller();
        // MFA devices serve IAM users here (the root's own devices are not served yet); a role session has none
        Optional<MfaSeedVault.Device> device = caller.isRoot() || caller.session().filter(
                TemporarySession::isRoleSession).isPresent() ? Optional.empty()
                : mfaSeeds.enabledFor(caller.accountId(), caller.identity().id(), serialNumber.get());
        if (device.isEmpty() || !mfaSeeds.acceptCode(device.get(), tokenCode.get(), call.receivedAt())) {
            throw new IamException(ErrorCode.ACCESS_DENIED,
                    "MultiFactorAuthentication failed with invalid MFA one time pass code.");
        }
        return true;
    }

    /** The account an access key belongs to: long-term keys from the vault, the caller's own temporary key. */
    private String getAccessKeyInfo(ApiCall call) {
        String accessKeyId = call.parameters().requiredString("AccessKeyId");
        Optional<String> account = vault.find(accessKeyId).map(StoredCredential::accountId);
        if (account.isEmpty() && accessKeyId.equals(call.caller().accessKeyId())) {
            account = Optional.of(call.accountId());
        }
        if (account.isEmpty() && accessKeyId.startsWith("ASIA")) {
            // another caller's temporary key: the account of the role whose session it is
            account = sessionAccount.apply(accessKeyId);
        }
        String known = account.orElseThrow(() -> new IamException(ErrorCode.INVALID_PARAMETER_VALUE,
                "The access key ID " + accessKeyId + " is not known to this server."));
        return call.finish(call.result().element("Account", known));
    }

    /** The {@code <Credentials>} of a session: its key, its secret (shown this once) and its sealed token. */
    static XmlResponseWriter credentials(XmlResponseWriter out, SessionTokens tokens, TemporarySession session,
                                         String secret) {
        return out.start("Credentials")
                .element("AccessKeyId", session.accessKeyId())
                .element("SecretAccessKey", secret)
                .element("SessionToken", tokens.issue(session, secret))
                .element("Expiration", session.expiration())
                .end();
    }

    /**
     * How much of the session's plaintext allowance its policies and tags use, in percent, rounded up. AWS packs
     * them into a binary form whose size it does not publish; this counts the policy without whitespace, the ARNs
     * and the tags' keys and values against the documented 2,048 characters.
     */
    static int packedPercent(Optional<String> policy, List<String> policyArns, List<Tag> tags) {
        long characters = policy.map(document -> document.chars().filter(c -> !Character.isWhitespace(c)).count())
                .orElse(0L);
        for (String arn : policyArns) {
            characters += arn.length();
        }
        for (Tag tag : tags) {
            characters += tag.key().length() + tag.value().length();
        }
        return (int) ((characters * 100 + PACKED_LIMIT - 1) / PACKED_LIMIT);
    }

    /**
     * A new session's tags: those asked for, plus the calling session's transitive ones, which pass on unchanged and
     * stay transitive. Keys are case-insensitive.
     */
    private record SessionTags(List<Tag> all, List<String> transitiveKeys) {
        static SessionTags of(List<Tag> requested, List<String> requestedTransitive,
                              Optional<TemporarySession> callerSession) {
            Map<String, Tag> byKey = new LinkedHashMap<>();
            for (Tag tag : requested) {
                if (byKey.putIfAbsent(tag.key().toLowerCase(Locale.ROOT), tag) != null) {
                    throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE,
                            "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
                }
            }
            Set<String> transitive = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (String key : requestedTransitive) {
                if (!byKey.containsKey(key.toLowerCase(Locale.ROOT))) {
                    throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE,
                            "The specified transitive tag key " + key + " must be included in the requested tags.");
                }
                transitive.add(key);
            }
            if (callerSession.isPresent()) {
                TemporarySession inherited = callerSession.get();
                for (String key : inherited.transitiveKeys()) {
                    String value = inherited.tags().get(key);
                    if (value == null) {
                        continue;
                    }
                    if (byKey.putIfAbsent(key.toLowerCase(Locale.ROOT), new Tag(key, value)) != null) {
                        throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE, "The session tag " + key
                                + " is inherited as a transitive tag and cannot be set again.");
                    }
                    transitive.add(key);
                }
            }
            if (byKey.size() > IamNames.MAX_TAGS) {
                throw new IamException(ErrorCode.INVALID_PARAMETER_VALUE, "A session can have at most "
                        + IamNames.MAX_TAGS + " tags, including those inherited as transitive.");
            }
            return new SessionTags(List.copyOf(byKey.values()), List.copyOf(transitive));
        }

        Map<String, String> asMap() {
            Map<String, String> map = new LinkedHashMap<>();
            all.forEach(tag -> map.put(tag.key(), tag.value()));
            return map;
        }
    }
}
