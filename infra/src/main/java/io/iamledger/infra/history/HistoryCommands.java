package io.iamledger.infra.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamledger.infra.sigv4.RequestSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The time-travel questions as subcommands of the jar ({@code can}, {@code who-can}, {@code timeline},
 * {@code diff}, {@code state}): each sends the {@code /v1} request of the same name to a running server, signed
 * with SigV4 under the credentials of a profile (by default {@code iamledger} in {@code ./data/credentials}), and
 * prints the JSON answer. Exit code 0 when answered, 1 for an error answer (printed to stderr), 2 when the server
 * cannot be reached or the credentials cannot be read.
 */
public final class HistoryCommands {
    private HistoryCommands() {}

    /** Where the server is and whose credentials sign. */
    static final class Connection {
        @Option(names = "--endpoint", description = "Server URL (default http://localhost:$IAMLEDGER_PORT or 8080).")
        String endpoint;

        @Option(names = "--profile", defaultValue = "iamledger",
                description = "Credentials profile (default ${DEFAULT-VALUE}).")
        String profile;

        @Option(names = "--credentials-file", description = "Shared credentials file (default "
                + "$AWS_SHARED_CREDENTIALS_FILE, else ./data/credentials).")
        Path credentialsFile;

        @Option(names = "--region", defaultValue = "us-east-1", description = "Region to sign for.")
        String region;

        URI endpoint() {
            if (endpoint != null) {
                return URI.create(endpoint);
            }
            String port = Optional.ofNullable(System.getenv("IAMLEDGER_PORT")).orElse("8080");
            return URI.create("http://localhost:" + port);
        }

        Path credentialsFile() {
            if (credentialsFile != null) {
                return credentialsFile;
            }
            return Optional.ofNullable(System.getenv("AWS_SHARED_CREDENTIALS_FILE")).map(Path::of)
                    .orElse(Path.of("data", "credentials"));
        }

        /** The profile's access key id and secret, from an AWS shared credentials file. */
        String[] credentials() throws IOException {
            String key = null;
            String secret = null;
            boolean inProfile = false;
            for (String raw : Files.readAllLines(credentialsFile())) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    inProfile = line.substring(1, line.length() - 1).strip().equals(profile);
                } else if (inProfile && line.contains("=")) {
                    String name = line.substring(0, line.indexOf('=')).strip();
                    String value = line.substring(line.indexOf('=') + 1).strip();
                    if (name.equals("aws_access_key_id")) {
                        key = value;
                    } else if (name.equals("aws_secret_access_key")) {
                        secret = value;
                    }
                }
            }
            if (key == null || secret == null) {
                throw new IOException("profile " + profile + " in " + credentialsFile() + " has no access key");
            }
            return new String[] {key, secret};
        }
    }

    /** Sends one signed GET of {@code path} with the parameters (name, value pairs; null values left out). */
    static int ask(Connection connection, String path, List<String> parameters, PrintStream out, PrintStream err) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.size(); i += 2) {
            if (parameters.get(i + 1) != null) {
                query.append(query.length() == 0 ? "" : "&").append(encode(parameters.get(i))).append('=')
                        .append(encode(parameters.get(i + 1)));
            }
        }
        try {
            String[] credentials = connection.credentials();
            URI uri = connection.endpoint().resolve(path + (query.length() == 0 ? "" : "?" + query));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET();
            Map<String, String> headers = RequestSigner.sign("GET", uri, new byte[0], connection.region,
                    "iamledger", credentials[0], credentials[1], Instant.now());
            headers.forEach((name, value) -> {
                if (!name.equals("Host")) {
                    request.header(name, value);
                }
            });
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            ObjectMapper json = new ObjectMapper();
            JsonNode body = json.readTree(response.body());
            String pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(body);
            if (response.statusCode() == 200) {
                out.println(pretty);
                return 0;
            }
            err.println(body.path("code").asText() + ": " + body.path("message").asText());
            return 1;
        } catch (IOException e) {
            err.println(path.substring(path.lastIndexOf('/') + 1) + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> withContext(List<String> parameters, List<String> context) {
        List<String> all = new ArrayList<>(parameters);
        for (String entry : context) {
            int eq = entry.indexOf('=');
            all.add("context." + (eq < 0 ? entry : entry.substring(0, eq)));
            all.add(eq < 0 ? "" : entry.substring(eq + 1));
        }
        return all;
    }

    @Command(name = "can", description = "Could PRINCIPAL do ACTION on RESOURCE at an instant, and why?")
    public static final class Can implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--principal", required = true, description = "User or role ARN.") String principal;
        @Option(names = "--action", required = true) String action;
        @Option(names = "--resource", required = true) String resource;
        @Option(names = "--at", description = "ISO-8601 instant (default now).") String at;
        @Option(names = "--context", description = "Request context KEY=VALUE (repeatable).") List<String> context =
                new ArrayList<>();

        @Override
        public Integer call() {
            return ask(connection, "/v1/can", withAt(withContext(List.of("principal", principal, "action", action,
                    "resource", resource), context), "at", at), System.out, System.err);
        }
    }

    @Command(name = "who-can", description = "Every user and role that could do ACTION on RESOURCE at an instant.")
    public static final class WhoCan implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--account", required = true) String account;
        @Option(names = "--action", required = true) String action;
        @Option(names = "--resource", required = true) String resource;
        @Option(names = "--at", description = "ISO-8601 instant (default now).") String at;
        @Option(names = "--context", description = "Request context KEY=VALUE (repeatable).") List<String> context =
                new ArrayList<>();

        @Override
        public Integer call() {
            return ask(connection, "/v1/who-can", withAt(withContext(List.of("account", account, "action", action,
                    "resource", resource), context), "at", at), System.out, System.err);
        }
    }

    @Command(name = "timeline", description = "When, between two instants, could PRINCIPAL do ACTION on RESOURCE?")
    public static final class Timeline implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--principal", required = true) String principal;
        @Option(names = "--action", required = true) String action;
        @Option(names = "--resource", required = true) String resource;
        @Option(names = "--from", description = "ISO-8601 instant (default the beginning).") String from;
        @Option(names = "--to", description = "ISO-8601 instant (default now).") String to;

        @Override
        public Integer call() {
            return ask(connection, "/v1/timeline", withAt(withAt(List.of("principal", principal, "action", action,
                    "resource", resource), "from", from), "to", to), System.out, System.err);
        }
    }

    @Command(name = "diff", description = "What PRINCIPAL gained and lost between two instants, and the events.")
    public static final class Diff implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--principal", required = true) String principal;
        @Option(names = "--from", description = "ISO-8601 instant (default the beginning).") String from;
        @Option(names = "--to", description = "ISO-8601 instant (default now).") String to;

        @Override
        public Integer call() {
            return ask(connection, "/v1/diff", withAt(withAt(List.of("principal", principal), "from", from), "to",
                    to), System.out, System.err);
        }
    }

    @Command(name = "state", description = "The whole account as of an instant (GetAccountAuthorizationDetails).")
    public static final class State implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--account", required = true) String account;
        @Option(names = "--at", description = "ISO-8601 instant (default now).") String at;

        @Override
        public Integer call() {
            return ask(connection, "/v1/state", withAt(List.of("account", account), "at", at), System.out,
                    System.err);
        }
    }

    private static List<String> withAt(List<String> parameters, String name, String value) {
        List<String> all = new ArrayList<>(parameters);
        all.add(name);
        all.add(value);
        return all;
    }
}
