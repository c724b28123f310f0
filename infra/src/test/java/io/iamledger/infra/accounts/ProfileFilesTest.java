package io.iamledger.infra.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFilesTest {
    private static final AccountCredentials FIRST = new AccountCredentials("111111111111", "iamledger",
            "AKIAFIRST", "first/secret");
    private static final AccountCredentials SECOND = new AccountCredentials("222222222222", "ops", "AKIASECOND",
            "second+secret");

    @TempDir
    Path dir;

    @Test
    void addingAProfileKeepsTheOthersAndWritesBothFilesPrivately() throws IOException {
        ProfileFiles files = ProfileFiles.in(dir, "eu-west-1");
        files.put(FIRST);
        files.add(SECOND);

        assertThat(Files.readString(dir.resolve("credentials"))).isEqualTo("""
                [iamledger]
                aws_access_key_id = AKIAFIRST
                aws_secret_access_key = first/secret
                region = eu-west-1

                [ops]
                aws_access_key_id = AKIASECOND
                aws_secret_access_key = second+secret
                region = eu-west-1
                """);
        assertThat(Files.readString(dir.resolve("config"))).isEqualTo("""
                [profile iamledger]
                region = eu-west-1
                output = json

                [profile ops]
                region = eu-west-1
                output = json
                """);
        for (String file : new String[] {"credentials", "config"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
                    .isEqualTo("rw-------");
        }
        try (var left = Files.list(dir)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("credentials",
                    "config");
        }
    }

    @Test
    void aProfileThatExistsIsRefusedAndNothingIsWritten() throws IOException {
        ProfileFiles files = ProfileFiles.in(dir, "us-east-1");
        files.add(SECOND);
        String before = Files.readString(dir.resolve("credentials"));

        assertThatThrownBy(() -> files.add(new AccountCredentials("333333333333", "ops", "AKIATHIRD", "third")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ENTITY_ALREADY_EXISTS);
                    assertThat(e.getMessage()).isEqualTo("A profile named ops already exists in "
                            + dir.resolve("credentials") + "; choose another name.");
                });
        assertThat(Files.readString(dir.resolve("credentials"))).isEqualTo(before);
    }

    @Test
    void aProfileOnlyInTheConfigFileCountsAsTaken() throws IOException {
        Files.writeString(dir.resolve("config"), "[profile sso]\nsso_start_url = https://example.com\n");
        ProfileFiles files = ProfileFiles.in(dir, "us-east-1");
        assertThat(files.contains("sso")).isTrue();
        assertThatThrownBy(() -> files.add(new AccountCredentials("333333333333", "sso", "AKIATHIRD", "third")))
                .isInstanceOf(IamException.class);
    }

    @Test
    void puttingReplacesOnlyItsOwnProfileAndKeepsForeignLinesAndComments() throws IOException {
        Files.writeString(dir.resolve("credentials"), """
                # written by hand
                [default]
                aws_access_key_id = AKIAHAND
                aws_secret_access_key = hand

                [ iamledger ]
                aws_access_key_id = AKIAOLD
                aws_secret_access_key = old
                """);
        ProfileFiles.in(dir, "us-east-1").put(FIRST);

        assertThat(Files.readString(dir.resolve("credentials"))).isEqualTo("""
                # written by hand
                [default]
                aws_access_key_id = AKIAHAND
                aws_secret_access_key = hand

                [iamledger]
                aws_access_key_id = AKIAFIRST
                aws_secret_access_key = first/secret
                region = us-east-1
                """);
    }

    @Test
    void removingTakesOutOnlyAProfileThatStillHoldsTheKey() throws IOException {
        ProfileFiles files = ProfileFiles.in(dir, "us-east-1");
        files.put(FIRST);
        files.add(SECOND);

        files.removeIfHolding(new AccountCredentials("222222222222", "ops", "AKIAOTHER", "other"));
        assertThat(files.contains("ops")).isTrue();

        files.removeIfHolding(SECOND);
        assertThat(files.contains("ops")).isFalse();
        assertThat(files.contains("iamledger")).isTrue();
        assertThat(Files.readString(dir.resolve("config"))).doesNotContain("ops");
    }

    @Test
    void theDefaultProfileIsNamedPlainlyInTheConfigFile() throws IOException {
        ProfileFiles.in(dir, "us-east-1").add(new AccountCredentials("333333333333", "default", "AKIAD", "d"));
        assertThat(Files.readString(dir.resolve("config"))).startsWith("[default]\n");
    }

    @Test
    void aProfileNameIsOneWordOfAtMost64Characters() {
        ProfileFiles.requireValidName("account-123456789012");
        ProfileFiles.requireValidName("team_a.prod");
        assertThatThrownBy(() -> ProfileFiles.requireValidName("two words"))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value 'two words' at"
                            + " 'profile' failed to satisfy constraint: Member must satisfy regular expression"
                            + " pattern: [A-Za-z0-9_.-]+");
                });
        assertThatThrownBy(() -> ProfileFiles.requireValidName("[x]")).isInstanceOf(IamException.class);
        assertThatThrownBy(() -> ProfileFiles.requireValidName("")).isInstanceOf(IamException.class);
        assertThatThrownBy(() -> ProfileFiles.requireValidName("a".repeat(65))).isInstanceOf(IamException.class);
    }
}
