package io.iamledger.infra.api;

import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.KeyUsage;
import io.iamledger.infra.credentials.SessionTokens;
import io.iamledger.infra.credentials.TemporarySession;
import io.iamledger.infra.sigv4.CredentialResolver;
import io.iamledger.infra.sigv4.SigningCredential;
import io.iamledger.infra.sigv4.VerifiedCaller;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The credentials that may sign a request, for both SigV4 endpoints: the vault's active long-term keys, and
 * temporary keys ({@code ASIA…}) whose session token opens under this server's key and whose session still stands
 * (its role not deleted, its trust policy unchanged). Anything else resolves to nothing, which the verifier answers
 * with {@code InvalidClientTokenId}; an expired session resolves, so that the verifier can answer
 * {@code ExpiredToken}.
 */
final class CallerCredentials implements CredentialResolver<Caller> {
    private static final String TEMPORARY_PREFIX = "ASIA";

    private final CredentialVault vault;
    private final SessionTokens tokens;
    private final Predicate<TemporarySession> stillValid;
    private final KeyUsage usage;

    CallerCredentials(CredentialVault vault, SessionTokens tokens, Predicate<TemporarySession> stillValid,
                      KeyUsage usage) {
        this.vault = vault;
        this.tokens = tokens;
        this.stillValid = stillValid;
        this.usage = usage;
    }

    /**
     * Notes that a request was signed, for GetAccessKeyLastUsed: by a long-term key only (AWS tracks no
     * temporary key), whatever the request's outcome after its signature was verified.
     */
    void noteUse(VerifiedCaller<Caller> verified, String region, Instant at) {
        if (verified.principal().session().isEmpty()) {
            usage.record(verified.accessKeyId(), new KeyUsage.Use(at, verified.service(), region));
        }
    }

    @Override
    public Optional<SigningCredential<Caller>> resolve(String accessKeyId) {
        return vault.find(accessKeyId)
                .filter(credential -> credential.status() == AccessKeyStatus.Active)
                .map(credential -> SigningCredential.longTerm(credential.secret(), new Caller(credential.accountId(),
                        credential.owner(), credential.accessKeyId())));
    }

    @Override
    public Optional<SigningCredential<Caller>> resolve(String accessKeyId, Optional<String> sessionToken) {
        if (!accessKeyId.startsWith(TEMPORARY_PREFIX)) {
            return resolve(accessKeyId);
        }
        return sessionToken.flatMap(token -> tokens.open(accessKeyId, token)
                .filter(opened -> stillValid.test(opened.session()))
                .map(opened -> {
                    TemporarySession session = opened.session();
                    return SigningCredential.temporary(opened.secretAccessKey(), token, session.expiration(),
                            new Caller(session.accountId(), session.identity(), accessKeyId, Optional.of(session)));
                }));
    }
}
