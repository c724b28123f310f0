package io.iamledger.infra.authz;

import io.iamledger.events.identity.IdentityRef;
import io.iamledger.infra.credentials.TemporarySession;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One authenticated awsQuery call as authorization sees it: what is asked, by whom, and the facts of the request
 * that become global condition keys. Immutable; no component is null.
 *
 * @param service         the service the call was signed for
 * @param action          the operation, e.g. {@code CreateUser}
 * @param parameters      the request parameters, which name the resource acted on
 * @param accountId       the caller's account; every action acts within it
 * @param caller          the signing identity: the account root, an IAM user, or an assumed role
 * @param sourceIp        the HTTP client's address ({@code aws:SourceIp}); empty when unknown
 * @param secureTransport whether the request came over TLS ({@code aws:SecureTransport})
 * @param region          the region of the signature's credential scope ({@code aws:RequestedRegion})
 * @param receivedAt      when the call was received ({@code aws:CurrentTime}, {@code aws:EpochTime})
 * @param session         for temporary credentials, their session: an assumed role's session ({@code caller} is then
 *                        the role) or a GetSessionToken session
 */
public record AccessRequest(QueryService service, String action, QueryParameters parameters, String accountId,
                            IdentityRef caller, String sourceIp, boolean secureTransport, String region,
                            Instant receivedAt, Optional<TemporarySession> session) {
    /** A request signed with long-term credentials. */
    public AccessRequest(QueryService service, String action, QueryParameters parameters, String accountId,
                         IdentityRef caller, String sourceIp, boolean secureTransport, String region,
                         Instant receivedAt) {
        this(service, action, parameters, accountId, caller, sourceIp, secureTransport, region, receivedAt,
                Optional.empty());
    }

    public AccessRequest {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
