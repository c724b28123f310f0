package io.iamledger.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.infra.config.LedgerSettings;
import io.iamledger.infra.it.SharedLedger;
import io.iamledger.infra.server.LedgerServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code iam-ledger account create} as an operator runs it: on the data directory of a stopped server (here a
 * directory of its own, so the shared server keeps running), and refused on one a running server holds.
 */
class AccountCommandIT {
    private static final Pattern CREATED = Pattern.compile("account ([0-9]{12}) created: profile (\\S+) in (\\S+)\\n");

    @TempDir
    Path dataDir;

    /** What one run printed and returned. */
    private record Run(int exit, String out, String err) {}

    @Test
    void createsAnAccountInTheDataDirectoryOfAStoppedServer() throws Exception {
        Run run = run("account", "create", "--profile", "ops", "--data-dir", dataDir.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        Matcher printed = CREATED.matcher(run.out());
        assertThat(printed.find()).as(run.out()).isTrue();
        String accountId = printed.group(1);
        assertThat(printed.group(2)).isEqualTo("ops");
        assertThat(printed.group(3)).isEqualTo(dataDir.resolve("credentials").toString());
        Path credentialsFile = dataDir.resolve("credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentialsFile)))
                .isEqualTo("rw-------");
        AwsCredentials ops = profile(credentialsFile, "ops");
        AwsCredentials defaultRoot = profile(credentialsFile, "iamledger");
        assertThat(run.out() + run.err()).doesNotContain(ops.secretAccessKey());

        Run again = run("account", "create", "--profile", "ops", "--data-dir", dataDir.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("A profile named ops already exists in " + credentialsFile);
        assertThat(profile(credentialsFile, "ops").accessKeyId()).isEqualTo(ops.accessKeyId());

        // the server started on that directory afterwards serves the account, and kept its default one
        try (LedgerServer server = LedgerServer.start(LedgerSettings.from(Map.of(
                "IAMLEDGER_DATA_DIR", dataDir.toString(), "IAMLEDGER_PORT", "0")))) {
            assertThat(server.rootAccessKeyId()).isEqualTo(defaultRoot.accessKeyId());
            assertThat(server.accountId()).isNotEqualTo(accountId);
            try (StsClient sts = StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(ops))
                    .httpClient(UrlConnectionHttpClient.create()).build();
                 IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                    .credentialsProvider(StaticCredentialsProvider.create(ops))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThat(sts.getCallerIdentity(r -> { }).account()).isEqualTo(accountId);
                assertThat(iam.createUser(r -> r.userName("first")).user().arn())
                        .isEqualTo("arn:aws:iam::" + accountId + ":user/first");
            }
        }
    }

    @Test
    void isRefusedOnTheDataDirectoryOfARunningServer() {
        Path shared = SharedLedger.server().settings().dataDir();
        String profile = SharedLedger.unique("cli");

        Run run = run("account", "create", "--profile", profile, "--data-dir", shared.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("cannot open the ledger in " + shared)
                .contains("create the account with POST /v1/accounts");
        assertThat(ProfileFile.builder().content(shared.resolve("credentials")).type(ProfileFile.Type.CREDENTIALS)
                .build().profile(profile)).isEmpty();
    }

    @Test
    void refusesATakenOrMalformedProfileBeforeStartingAnything() {
        Path shared = SharedLedger.server().settings().dataDir();

        Run taken = run("account", "create", "--profile", "iamledger", "--data-dir", shared.toString());
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).contains("A profile named iamledger already exists");

        Run malformed = run("account", "create", "--profile", "a b", "--data-dir", dataDir.toString());
        assertThat(malformed.exit()).isEqualTo(1);
        assertThat(malformed.err()).contains("Member must satisfy regular expression pattern");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    private static Run run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine command = new CommandLine(new IamLedger(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == AccountCommand.Create.class ? type.cast(new AccountCommand.Create(outStream, errStream))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        command.setOut(new PrintWriter(outStream, true)).setErr(new PrintWriter(errStream, true));
        int exit = command.execute(arguments);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static AwsCredentials profile(Path file, String name) {
        ProfileFile credentials = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
        try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder()
                .profileFile(credentials).profileName(name).build()) {
            return provider.resolveCredentials();
        }
    }
}
