package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.infra.accounts.AccountCredentials;
import io.iamledger.infra.server.LedgerServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Several accounts in one server: accounts made through {@link LedgerServer#createAccount} and
 * {@code POST /v1/accounts}, each acting only on itself through the AWS SDK, and only the default account's root
 * allowed to make them.
 */
class AccountsIT {
    private static final String ALLOW_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    @Test
    void twoAccountsCreateAUserOfTheSameNameIndependently() {
        AccountCredentials a = SharedLedger.server().createAccount(Optional.empty());
        AccountCredentials b = SharedLedger.server().createAccount(Optional.empty());
        String name = SharedLedger.unique("twin");
        try (IamClient iamA = SharedLedger.iam(credentials(a)); IamClient iamB = SharedLedger.iam(credentials(b))) {
            User inA = iamA.createUser(r -> r.userName(name)).user();
            User inB = iamB.createUser(r -> r.userName(name)).user();

            assertThat(inA.arn()).isEqualTo("arn:aws:iam::" + a.accountId() + ":user/" + name);
            assertThat(inB.arn()).isEqualTo("arn:aws:iam::" + b.accountId() + ":user/" + name);
            assertThat(inA.userId()).isNotEqualTo(inB.userId());
            iamB.deleteUser(r -> r.userName(name));
            assertThat(iamA.getUser(r -> r.userName(name)).user().arn()).isEqualTo(inA.arn());
            assertThatThrownBy(() -> iamB.getUser(r -> r.userName(name))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @Test
    void anotherAccountsRootCannotReachAUserOrPolicyOfThisAccount() {
        AccountCredentials a = SharedLedger.server().createAccount(Optional.empty());
        AccountCredentials b = SharedLedger.server().createAccount(Optional.empty());
        String user = SharedLedger.unique("only-in-a");
        String policy = SharedLedger.unique("policy-of-a");
        String ownUser = SharedLedger.unique("of-b");
        try (IamClient iamA = SharedLedger.iam(credentials(a)); IamClient iamB = SharedLedger.iam(credentials(b))) {
            iamA.createUser(r -> r.userName(user));
            String policyArn = iamA.createPolicy(r -> r.policyName(policy).policyDocument(ALLOW_ALL)).policy().arn();
            assertThat(policyArn).isEqualTo("arn:aws:iam::" + a.accountId() + ":policy/" + policy);
            iamB.createUser(r -> r.userName(ownUser));

            assertThatThrownBy(() -> iamB.getUser(r -> r.userName(user))).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iamB.deleteUser(r -> r.userName(user))).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iamB.attachUserPolicy(AttachUserPolicyRequest.builder().userName(user)
                    .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").build()))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThat(iamB.listUsersPaginator(r -> { }).users()).extracting(User::userName)
                    .contains(ownUser).doesNotContain(user);
            assertThatThrownBy(() -> iamB.attachUserPolicy(AttachUserPolicyRequest.builder().userName(ownUser)
                    .policyArn(policyArn).build())).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iamB.getPolicy(r -> r.policyArn(policyArn)))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iamB.deletePolicy(r -> r.policyArn(policyArn)))
                    .isInstanceOf(NoSuchEntityException.class);

            // account A saw none of it
            assertThat(iamA.getUser(r -> r.userName(user)).user().userName()).isEqualTo(user);
            assertThat(iamA.listAttachedUserPolicies(r -> r.userName(user)).attachedPolicies()).isEmpty();
            assertThat(iamA.getPolicy(r -> r.policyArn(policyArn)).policy().attachmentCount()).isZero();
            assertThat(iamA.listUsersPaginator(r -> { }).users()).extracting(User::userName).doesNotContain(ownUser);
        }
    }

    @Test
    void theDefaultRootCreatesAnAccountWhoseSecretOnlyTheCredentialsFileHolds() throws IOException {
        String profile = SharedLedger.unique("team");
        LedgerApi.Answer answer = LedgerApi.post(SharedLedger.rootCredentials(), "/v1/accounts",
                "{\"profile\":\"" + profile + "\"}");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        String accountId = answer.body().path("accountId").asText();
        String accessKeyId = answer.body().path("accessKeyId").asText();
        assertThat(accountId).matches("[1-9][0-9]{11}").isNotEqualTo(SharedLedger.server().accountId());
        assertThat(answer.body().path("profile").asText()).isEqualTo(profile);
        assertThat(accessKeyId).startsWith("AKIA");
        assertThat(answer.body().properties()).extracting(Map.Entry::getKey)
                .containsExactly("accountId", "profile", "accessKeyId");

        Path credentialsFile = SharedLedger.server().settings().dataDir().resolve("credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentialsFile)))
                .isEqualTo("rw-------");
        AwsCredentials written = profileCredentials(credentialsFile, profile);
        assertThat(written.accessKeyId()).isEqualTo(accessKeyId);
        assertThat(profileCredentials(credentialsFile, "iamledger").accessKeyId())
                .isEqualTo(SharedLedger.server().rootAccessKeyId());
        ProfileFile config = ProfileFile.builder().content(SharedLedger.server().settings().dataDir()
                .resolve("config")).type(ProfileFile.Type.CONFIGURATION).build();
        assertThat(config.profile(profile).flatMap(p -> p.property("region"))).hasValue("us-east-1");
        try (StsClient sts = SharedLedger.sts(written)) {
            assertThat(sts.getCallerIdentity(r -> { }).arn()).isEqualTo("arn:aws:iam::" + accountId + ":root");
        }

        JdbcTemplate jdbc = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class));
        List<String> audited = jdbc.queryForList("select record::text from audit_record where record::text like ?",
                String.class, "%" + accountId + "%");
        assertThat(audited).anySatisfy(record -> assertThat(record).contains("CreateAccount")
                .contains(accessKeyId).contains(profile));
        List<String> events = jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry"
                + " where aggregate_identifier = ?", String.class, accountId);
        assertThat(events).hasSize(2);
        assertThat(audited).noneMatch(text -> text.contains(written.secretAccessKey()));
        assertThat(events).noneMatch(text -> text.contains(written.secretAccessKey()));
        assertThat(jdbc.queryForObject("select is_default from ledger_account where account_id = ?", Boolean.class,
                accountId)).isFalse();
    }

    @Test
    void withoutAProfileNameTheProfileIsNamedAfterTheAccount() {
        LedgerApi.Answer answer = LedgerApi.post(SharedLedger.rootCredentials(), "/v1/accounts", "");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        String accountId = answer.body().path("accountId").asText();
        assertThat(answer.body().path("profile").asText()).isEqualTo("account-" + accountId);
        assertThat(profileCredentials(SharedLedger.server().settings().dataDir().resolve("credentials"),
                "account-" + accountId).accessKeyId()).isEqualTo(answer.body().path("accessKeyId").asText());
    }

    @Test
    void theDefaultRootCreatesAccountsOneAfterAnotherAndReadsRightAfter() {
        AwsCredentials root = SharedLedger.rootCredentials();
        for (int i = 0; i < 2; i++) {
            LedgerApi.Answer created = answer(root, "/v1/accounts", "");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
            AwsCredentials newRoot = profileCredentials(SharedLedger.server().settings().dataDir()
                    .resolve("credentials"), created.body().path("profile").asText());
            try (IamClient iam = SharedLedger.iam(root); IamClient fresh = SharedLedger.iam(newRoot)) {
                // reads wait for their own account's writes only: the new account's events are not the default's
                assertThat(iam.listUsers().users()).isNotNull();
                assertThat(fresh.listUsers().users()).isEmpty();
            }
        }
    }

    @Test
    void onlyTheDefaultAccountsRootMayCreateAccounts() {
        AccountCredentials other = SharedLedger.server().createAccount(Optional.empty());
        String admin = SharedLedger.unique("admin");
        AwsCredentials adminKey;
        try (IamClient iam = SharedLedger.iam()) {
            iam.createUser(r -> r.userName(admin));
            iam.attachUserPolicy(AttachUserPolicyRequest.builder().userName(admin)
                    .policyArn("arn:aws:iam::aws:policy/AdministratorAccess").build());
            var key = iam.createAccessKey(r -> r.userName(admin)).accessKey();
            adminKey = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        JdbcTemplate jdbc = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class));
        int accountsBefore = jdbc.queryForObject("select count(*) from ledger_account", Integer.class);

        for (AwsCredentials caller : List.of(credentials(other), adminKey)) {
            String profile = SharedLedger.unique("refused");
            LedgerApi.Answer answer = LedgerApi.post(caller, "/v1/accounts", "{\"profile\":\"" + profile + "\"}");
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body().path("code").asText()).isEqualTo("AccessDenied");
            assertThat(answer.body().path("message").asText()).contains("iamledger:CreateAccount")
                    .contains("only the root user of the server's default account");
        }
        assertThat(jdbc.queryForObject("select count(*) from ledger_account", Integer.class))
                .isEqualTo(accountsBefore);
    }

    @Test
    void badRequestsGetAnAwsErrorAndCreateNothing() {
        JdbcTemplate jdbc = new JdbcTemplate(SharedLedger.server().context().getBean(DataSource.class));
        int accountsBefore = jdbc.queryForObject("select count(*) from ledger_account", Integer.class);
        AwsCredentials root = SharedLedger.rootCredentials();

        assertError(answer(root, "/v1/accounts", "{not json"), 400, "SerializationException");
        assertError(answer(root, "/v1/accounts", "[\"profile\"]"), 400, "SerializationException");
        assertError(answer(root, "/v1/accounts", "{\"profile\":7}"), 400, "SerializationException");
        assertError(answer(root, "/v1/accounts", "{\"Profile\":\"x\"}"), 400, "ValidationError");
        LedgerApi.Answer malformed = answer(root, "/v1/accounts", "{\"profile\":\"two words\"}");
        assertError(malformed, 400, "ValidationError");
        assertThat(malformed.body().path("message").asText()).isEqualTo("1 validation error detected: Value"
                + " 'two words' at 'profile' failed to satisfy constraint: Member must satisfy regular expression"
                + " pattern: [A-Za-z0-9_.-]+");
        LedgerApi.Answer taken = answer(root, "/v1/accounts", "{\"profile\":\"iamledger\"}");
        assertError(taken, 409, "EntityAlreadyExists");
        assertThat(taken.body().path("message").asText()).startsWith("A profile named iamledger already exists");
        assertError(LedgerApi.get(root, "/v1/accounts"), 405, "MethodNotAllowed");

        assertThat(jdbc.queryForObject("select count(*) from ledger_account", Integer.class))
                .isEqualTo(accountsBefore);
    }

    private static LedgerApi.Answer answer(AwsCredentials caller, String path, String body) {
        return LedgerApi.post(caller, path, body);
    }

    private static void assertError(LedgerApi.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().path("code").asText()).isEqualTo(code);
        assertThat(answer.body().path("message").asText()).isNotBlank();
    }

    private static AwsCredentials credentials(AccountCredentials account) {
        return AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey());
    }

    /** The access key of a profile of an AWS shared credentials file, read by the SDK's own parser. */
    static AwsCredentials profileCredentials(Path file, String profile) {
        ProfileFile credentials = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
        try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder()
                .profileFile(credentials).profileName(profile).build()) {
            return provider.resolveCredentials();
        }
    }
}
