package io.iamledger.infra.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.infra.history.HistoryCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The time-travel subcommands of the jar against a running server: they sign with a profile of a shared
 * credentials file, print the server's JSON answer, and exit 1 with the error for a bad question.
 */
class HistoryCommandsIT {
    private final IamClient root = SharedLedger.iam();
    private final String account = SharedLedger.server().accountId();

    @Test
    void canAndTimelineAnswerFromTheCommandLine() throws Exception {
        String lena = SharedLedger.unique("lena");
        root.createUser(r -> r.userName(lena));
        root.putUserPolicy(r -> r.userName(lena).policyName("reports").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
        Thread.sleep(5);
        Instant granted = Instant.now();
        String arn = "arn:aws:iam::" + account + ":user/" + lena;
        Path credentials = Files.createTempFile("credentials", "");
        Files.writeString(credentials, "[default]\naws_access_key_id = AKIANOTTHISONE\naws_secret_access_key = x\n\n"
                + "[iamledger]\naws_access_key_id = " + SharedLedger.server().rootAccessKeyId()
                + "\naws_secret_access_key = " + SharedLedger.server().rootSecretAccessKey() + "\n");
        String[] connection = {"--endpoint", SharedLedger.server().endpoint().toString(), "--credentials-file",
            credentials.toString()};

        Run can = run(new HistoryCommands.Can(), connection, "--principal", arn, "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::reports/a", "--at", granted.toString());
        assertThat(can.exit).as(can.err).isZero();
        JsonNode answer = new ObjectMapper().readTree(can.out);
        assertThat(answer.path("decision").asText()).isEqualTo("allowed");
        assertThat(answer.path("evidence").path("statements").get(0).path("putThereBy").get(0).path("event")
                .path("call").path("eventName").asText()).isEqualTo("PutUserPolicy");

        Run timeline = run(new HistoryCommands.Timeline(), connection, "--principal", arn, "--action",
                "s3:GetObject", "--resource", "arn:aws:s3:::reports/a");
        assertThat(timeline.exit).as(timeline.err).isZero();
        assertThat(new ObjectMapper().readTree(timeline.out).path("intervals")).hasSize(1);

        Run bad = run(new HistoryCommands.Can(), connection, "--principal", "lena", "--action", "s3:GetObject",
                "--resource", "*");
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.err).startsWith("InvalidInput: ARN lena is not valid.");
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(Object command, String[] connection, String... arguments) {
        String[] all = new String[connection.length + arguments.length];
        System.arraycopy(connection, 0, all, 0, connection.length);
        System.arraycopy(arguments, 0, all, connection.length, arguments.length);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(command).execute(all);
            return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
