package io.iamledger.infra.api;

import io.iamledger.command.oidc.OpenIdConnectProviderAggregate;
import io.iamledger.command.role.IssueRoleSessionCommand;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.document.PolicyDocuments;
import io.iamledger.events.document.PolicyKind;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.infra.audit.AuditRecord;
import io.iamledger.infra.authz.Authorizer;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.SessionTokens;
import io.iamledger.infra.credentials.TemporarySession;
import io.iamledger.infra.credentials.WebIdentityTokens;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.evaluator.ContextValue;
import io.iamledger.query.readmodel.IamReadModel;
import io.iamledger.query.readmodel.OpenIdConnectProvider;
import io.iamledger.query.readmodel.ReadModelException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * AssumeRoleWithWebIdentity, which AWS serves unsigned: the caller proves itself with an OpenID Connect ID token
 * from a provider registered in the role's account (CreateOpenIDConnectProvider), signed by one of that provider's
 * keys configured as data ({@link WebIdentityTokens}), issued for one of its client ids, and not expired; the role's
 * trust policy must allow {@code sts:AssumeRoleWithWebIdentity} to the provider, with the token's claims as
 * condition keys. The session is issued as AssumeRole's are, its issuer the provider.
 */
final class WebIdentityActions {
    static final String ACTION = "AssumeRoleWithWebIdentity";

    private final CommandSender commands;
    private final IdGenerator ids;
    private final SessionTokens tokens;
    private final Authorizer authorizer;
    private final IamReadModel readModel;
    private final WebIdentityTokens webTokens;
    private final ReadGate readGate;

    WebIdentityActions(CommandSender commands, IdGenerator ids, SessionTokens tokens, Authorizer authorizer,
                       IamReadModel readModel, WebIdentityTokens webTokens, ReadGate readGate) {
        this.commands = commands;
        this.ids = ids;
        this.tokens = tokens;
        this.authorizer = authorizer;
        this.readModel = readModel;
        this.webTokens = webTokens;
        this.readGate = readGate;
    }

    /** What the call's audit record says of the caller, known once the token is verified. */
    record WebIdentity(String accountId, AuditRecord.Identity identity) {}

    /** The account a call's session is issued in, read from its RoleArn before anything else is checked. */
    static String roleAccount(QueryParameters p) {
        String roleArn = p.requiredString("RoleArn");
        return Arn.tryParse(roleArn).filter(arn -> arn.service().equals("iam") && arn.resourceType().equals("role"))
                .map(Arn::account)
                .orElseThrow(() -> IamException.validation(roleArn + " is invalid"));
    }

    /**
     * Verifies the token, decides, issues the session (in the caller's transaction) and answers.
     *
     * @param identified told the caller's audit identity as soon as the token is verified
     */
    String assume(QueryParameters p, String requestId, Instant receivedAt,
                  Consumer<WebIdentity> identified) {
        String roleArn = p.requiredString("RoleArn");
        String sessionName = p.requiredString("RoleSessionName");
        String token = p.requiredString("WebIdentityToken");
        Optional<Integer> duration = p.optionalInt("DurationSeconds", StsActions.MIN_SESSION_SECONDS,
                StsActions.MAX_ROLE_SESSION_SECONDS);
        Optional<String> policy = p.optionalString("Policy");
        List<String> policyArns = new ArrayList<>();
        for (QueryParameters descriptor : p.structList("PolicyArns")) {
            policyArns.add(descriptor.requiredString("arn"));
        }
        IamNames.Check check = IamNames.check().arn("roleArn", roleArn).roleSessionName("roleSessionName",
                sessionName);
        policy.ifPresent(value -> check.sessionPolicy("policy", value));
        check.orThrow();
        if (policyArns.size() > StsActions.MAX_SESSION_POLICY_ARNS) {
            throw IamException.validation("1 validation error detected: Value '" + policyArns + "' at 'policyArns'"
                    + " failed to satisfy constraint: Member must have length less than or equal to "
                    + StsActions.MAX_SESSION_POLICY_ARNS);
        }
        policyArns.forEach(Edge::checkPolicyArn);
        policy.ifPresent(document -> PolicyDocuments.read(document, PolicyKind.IDENTITY));

        String roleAccount = roleAccount(p);
        String issuer = WebIdentityTokens.unverifiedIssuer(token);
        String providerArn = OpenIdConnectProviderAggregate.arnFor(roleAccount, issuer);
        readGate.awaitOwnChanges(roleAccount);
        OpenIdConnectProvider provider;
        try {
            provider = readModel.getOpenIdConnectProvider(roleAccount, providerArn);
        } catch (IamException | ReadModelException e) {
            throw new IamException(ErrorCode.INVALID_IDENTITY_TOKEN, "No OpenIDConnect provider found in your"
                    + " account for " + issuer);
        }
        WebIdentityTokens.Claims claims = webTokens.verify(token, provider.url(), receivedAt);
        String audience = claims.audiences().stream().filter(provider.clientIds()::contains).findFirst()
                .orElseThrow(() -> new IamException(ErrorCode.INVALID_IDENTITY_TOKEN, "Incorrect token audience"));
        identified.accept(new WebIdentity(roleAccount, new AuditRecord.Identity("WebIdentityUser",
                Optional.of(provider.url() + ":" + audience + ":" + claims.subject()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(claims.subject()))));

        Map<String, ContextValue> keys = new LinkedHashMap<>();
        keys.put(provider.url() + ":aud", ContextValue.string(audience));
        keys.put(provider.url() + ":sub", ContextValue.string(claims.subject()));
        claims.authorizedParty().ifPresent(azp -> keys.put(provider.url() + ":azp", ContextValue.string(azp)));
        keys.put("sts:RoleSessionName", ContextValue.string(sessionName));
        keys.put("aws:FederatedProvider", ContextValue.string(providerArn));
        Authorizer.AssumableRole role = authorizer.authorizeWebIdentity(roleArn, providerArn, keys);

        int packedPercent = StsActions.packedPercent(policy, policyArns, List.of());
        if (packedPercent > 100) {
            throw new IamException(ErrorCode.PACKED_POLICY_TOO_LARGE, "Packed policy consumes " + packedPercent
                    + "% of allotted space, please use smaller policy.");
        }
        int seconds = duration.orElse(StsActions.DEFAULT_ROLE_SESSION_SECONDS);
        String accessKeyId = ids.temporaryAccessKeyId();
        String secret = ids.secretAccessKey();
        commands.dispatch(new IssueRoleSessionCommand(roleAccount, role.roleId(), role.roleName(), role.arn(),
                role.maxSessionDuration(), sessionName, accessKeyId, providerArn, roleAccount, Optional.empty(),
                policy, policyArns, List.of(), List.of(), false, false, seconds, receivedAt));
        TemporarySession session = new TemporarySession(accessKeyId, roleAccount,
                IdentityRef.role(role.roleId(), role.roleName()), Optional.of(role.arn()), Optional.of(sessionName),
                Optional.of(role.trustDigest()), receivedAt, receivedAt.plusSeconds(seconds), Optional.empty(),
                policy, policyArns, Map.of(), List.of(), false, providerArn);
        XmlResponseWriter out = StsActions.credentials(XmlResponseWriter.result(QueryService.STS, ACTION), tokens,
                        session, secret)
                .element("SubjectFromWebIdentityToken", claims.subject())
                .start("AssumedRoleUser")
                .element("AssumedRoleId", session.principalId())
                .element("Arn", session.arn())
                .end();
        if (policy.isPresent() || !policyArns.isEmpty()) {
            out.element("PackedPolicySize", packedPercent);
        }
        out.element("Provider", provider.url()).element("Audience", audience);
        return out.finish(requestId);
    }
}
