package io.iamledger.infra.server;

import io.iamledger.command.account.CreateAccountCommand;
import io.iamledger.command.account.CreateRootAccessKeyCommand;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.credentials.CredentialVault;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.StoredCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the default account on first start: the account, a root access key (secret sealed in the vault, in the
 * same transaction as the events), and the credentials file {@code <data dir>/credentials} (profile
 * {@code iamledger}, mode 0600) with a matching {@code <data dir>/config} holding the region. On later starts it
 * only rewrites the files if they were removed.
 */
final class AccountBootstrap {
    static final String PROFILE = "iamledger";

    /** The default account's id and its root credentials, as written to the credentials file. */
    record RootCredentials(String accountId, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "RootCredentials[" + accountId + ", " + accessKeyId + "]";
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CommandGateway commands;
    private final CredentialVault vault;
    private final IdGenerator ids;
    private final Clock clock;

    AccountBootstrap(JdbcTemplate jdbc, TransactionTemplate transactions, CommandGateway commands,
                     CredentialVault vault, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.commands = commands;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
    }

    RootCredentials ensureDefaultAccount(LedgerSettings settings) {
        RootCredentials root = transactions.execute(status -> {
            jdbc.execute("lock table ledger_account in exclusive mode");
            List<String> existing = jdbc.queryForList(
                    "select account_id from ledger_account where is_default", String.class);
            return existing.isEmpty() ? createDefaultAccount() : existingRoot(existing.get(0));
        });
        writeCredentialFiles(settings, root);
        return root;
    }

    private RootCredentials createDefaultAccount() {
        Instant now = clock.instant();
        String accountId = ids.accountId();
        String accessKeyId = ids.accessKeyId();
        String secret = ids.secretAccessKey();
        commands.sendAndWait(new CreateAccountCommand(accountId, now));
        commands.sendAndWait(new CreateRootAccessKeyCommand(accountId, accessKeyId,
                vault.sealer().fingerprint(secret), now));
        vault.store(accountId, IdentityRef.root(accountId), accessKeyId, secret, now);
        jdbc.update("insert into ledger_account (account_id, is_default, created_at) values (?, true, ?)",
                accountId, Timestamp.from(now));
        return new RootCredentials(accountId, accessKeyId, secret);
    }

    private RootCredentials existingRoot(String accountId) {
        List<String> keys = jdbc.queryForList("select access_key_id from credential where account_id = ? "
                + "and owner_kind = 'ROOT' and status = ? order by created_at", String.class, accountId,
                AccessKeyStatus.Active.name());
        if (keys.isEmpty()) {
            throw new IllegalStateException("the default account " + accountId + " has no active root access key");
        }
        StoredCredential credential = vault.find(keys.get(0)).orElseThrow();
        return new RootCredentials(accountId, credential.accessKeyId(), credential.secret());
    }

    private static void writeCredentialFiles(LedgerSettings settings, RootCredentials root) {
        writePrivately(settings.dataDir().resolve("credentials"), "[" + PROFILE + "]\n"
                + "aws_access_key_id = " + root.accessKeyId() + "\n"
                + "aws_secret_access_key = " + root.secretAccessKey() + "\n"
                + "region = " + settings.region() + "\n");
        writePrivately(settings.dataDir().resolve("config"), "[profile " + PROFILE + "]\n"
                + "region = " + settings.region() + "\n"
                + "output = json\n");
    }

    private static void writePrivately(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
