package io.iamledger.infra.accounts;

import io.iamledger.command.account.CreateAccountCommand;
import io.iamledger.command.account.CreateRootAccessKeyCommand;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.StoredCredential;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the server's accounts. Each is a new 12-digit id, the account and a root access key appended as events, the
 * key's secret sealed in the vault and the account's {@code ledger_account} row, all in one transaction, and a
 * profile holding the root credentials in the data directory's {@link ProfileFiles}. Exactly one account is the
 * default: made by {@link #ensureDefault} on first start, its root is the one that may make the others.
 *
 * <p>Only the credentials files ever hold a secret; what this class returns hides it from {@code toString}.
 * Thread-safe.
 */
public final class Accounts {
    /** The profile of the default account. */
    public static final String DEFAULT_PROFILE = "iamledger";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CommandGateway commands;
    private final CredentialVault vault;
    private final IdGenerator ids;
    private final Clock clock;
    private final Cache aggregateCache;
    private final ProfileFiles profiles;
    private volatile String defaultAccountId;

    /**
     * @param aggregateCache the command side's cache, from which an account whose creation rolled back is dropped
     * @param profiles       where the root credentials of the accounts go
     */
    public Accounts(JdbcTemplate jdbc, TransactionTemplate transactions, CommandGateway commands,
                    CredentialVault vault, IdGenerator ids, Clock clock, Cache aggregateCache,
                    ProfileFiles profiles) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.commands = commands;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
        this.aggregateCache = aggregateCache;
        this.profiles = profiles;
    }

    /**
     * The default account: created with its root key on first start, found on later ones. Either way its profile
     * {@value #DEFAULT_PROFILE} is written again (after the transaction), replacing one of that name, so that
     * removing the files and restarting brings them back.
     */
    public AccountCredentials ensureDefault() {
        AccountCredentials root = transactions.execute(status -> {
            // two servers starting on one database make one default account, not two
            jdbc.execute("lock table ledger_account in exclusive mode");
            List<String> existing = jdbc.queryForList(
                    "select account_id from ledger_account where is_default", String.class);
            return existing.isEmpty() ? append(ids.accountId(), DEFAULT_PROFILE, true) : defaultRoot(existing.get(0));
        });
        profiles.put(root);
        defaultAccountId = root.accountId();
        return root;
    }

    /**
     * Creates an account that is not the default, in one transaction (the caller's, if one is active), and adds
     * its profile: {@code profile}, or {@code account-<id>} when absent. The profile is written last, before the
     * commit, so that an account never exists without it; if the transaction rolls back after all, the profile is
     * taken out again.
     *
     * @throws io.iamledger.events.error.IamException {@code ValidationError} for a malformed profile name,
     *     {@code EntityAlreadyExists} when the profile exists (nothing is created then)
     */
    public AccountCredentials create(Optional<String> profile) {
        profile.ifPresent(ProfileFiles::requireValidName);
        // refused before any event is appended; add() below checks again, for a concurrent request
        profile.ifPresent(profiles::requireAbsent);
        return transactions.execute(status -> {
            String accountId = ids.accountId();
            AccountCredentials created = append(accountId, profile.orElse("account-" + accountId), false);
            profiles.add(created);
            return created;
        });
    }

    /**
     * The default account's id.
     *
     * @throws IllegalStateException before {@link #ensureDefault} first ran against this database
     */
    public String defaultAccountId() {
        String known = defaultAccountId;
        if (known == null) {
            List<String> found = jdbc.queryForList("select account_id from ledger_account where is_default",
                    String.class);
            if (found.isEmpty()) {
                throw new IllegalStateException("the server has no default account yet");
            }
            known = found.get(0);
            defaultAccountId = known;
        }
        return known;
    }

    /** Within the current transaction: the account, its root key, the sealed secret and the account's row. */
    private AccountCredentials append(String accountId, String profile, boolean isDefault) {
        Instant now = clock.instant();
        String accessKeyId = ids.accessKeyId();
        String secret = ids.secretAccessKey();
        AccountCredentials created = new AccountCredentials(accountId, profile, accessKeyId, secret);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    // the commands cached the new aggregate when they ran; the account never came to exist
                    aggregateCache.remove(accountId);
                    profiles.removeIfHolding(created);
                }
            }
        });
        commands.sendAndWait(new CreateAccountCommand(accountId, now));
        commands.sendAndWait(new CreateRootAccessKeyCommand(accountId, accessKeyId,
                vault.sealer().fingerprint(secret), now));
        vault.store(accountId, IdentityRef.root(accountId), accessKeyId, secret, now);
        jdbc.update("insert into ledger_account (account_id, is_default, created_at) values (?, ?, ?)",
                accountId, isDefault, Timestamp.from(now));
        return created;
    }

    private AccountCredentials defaultRoot(String accountId) {
        List<String> keys = jdbc.queryForList("select access_key_id from credential where account_id = ? "
                + "and owner_kind = 'ROOT' and status = ? order by created_at", String.class, accountId,
                AccessKeyStatus.Active.name());
        if (keys.isEmpty()) {
            throw new IllegalStateException("the default account " + accountId + " has no active root access key");
        }
        StoredCredential credential = vault.find(keys.get(0)).orElseThrow();
        return new AccountCredentials(accountId, DEFAULT_PROFILE, credential.accessKeyId(), credential.secret());
    }
}
