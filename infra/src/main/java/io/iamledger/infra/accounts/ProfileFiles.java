package io.iamledger.infra.accounts;

import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AWS shared credentials and config files of a data directory, {@code <data dir>/credentials} and
 * {@code <data dir>/config}, with one profile per account: {@code [name]} in the first (access key, secret,
 * region), {@code [profile name]} in the second (region, output). Every change rewrites both files whole, each
 * through a new file of mode 0600 moved into place atomically, so a reader never sees half a file or a moment when
 * others may read the secrets; every other profile, comment and line is kept as it was.
 *
 * <p>Thread-safe: one lock covers both files. It does not lock against another process rewriting them at the same
 * time (the server and {@code account create} cannot both hold an embedded data directory).
 */
public final class ProfileFiles {
    /** Longest profile name accepted. */
    public static final int MAX_NAME = 64;
    private static final String NAME_PATTERN = "[A-Za-z0-9_.-]+";

    private final Path credentials;
    private final Path config;
    private final String region;

    private ProfileFiles(Path dataDir, String region) {
        this.credentials = dataDir.resolve("credentials");
        this.config = dataDir.resolve("config");
        this.region = region;
    }

    /** The files of {@code dataDir}; new profiles name {@code region}. Nothing is read or written yet. */
    public static ProfileFiles in(Path dataDir, String region) {
        return new ProfileFiles(dataDir, region);
    }

    public Path credentialsFile() {
        return credentials;
    }

    /**
     * Checks a profile name: 1 to {@value #MAX_NAME} letters, digits, {@code _}, {@code .} or {@code -}, so that
     * it is one word in a section header and on a command line.
     *
     * @throws IamException {@code ValidationError} in AWS's wording, naming the value
     */
    public static void requireValidName(String profile) {
        String constraint = null;
        if (profile.isEmpty()) {
            constraint = "Member must have length greater than or equal to 1";
        } else if (profile.length() > MAX_NAME) {
            constraint = "Member must have length less than or equal to " + MAX_NAME;
        } else if (!profile.chars().allMatch(ProfileFiles::nameCharacter)) {
            constraint = "Member must satisfy regular expression pattern: " + NAME_PATTERN;
        }
        if (constraint != null) {
            throw IamException.validation("1 validation error detected: Value '" + profile
                    + "' at 'profile' failed to satisfy constraint: " + constraint);
        }
    }

    /** Whether either file has a profile of this name. */
    public synchronized boolean contains(String profile) {
        return find(read(credentials), profile).isPresent() || find(read(config), configSection(profile)).isPresent();
    }

    /**
     * Refuses a profile name that is taken.
     *
     * @throws IamException {@code EntityAlreadyExists} when either file has a profile of this name
     */
    public void requireAbsent(String profile) {
        if (contains(profile)) {
            throw new IamException(ErrorCode.ENTITY_ALREADY_EXISTS, "A profile named " + profile
                    + " already exists in " + credentials + "; choose another name.");
        }
    }

    /**
     * Adds a profile for {@code account} under {@link AccountCredentials#profile()}.
     *
     * @throws IamException {@code EntityAlreadyExists} when a profile of that name exists (nothing is written)
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public synchronized void add(AccountCredentials account) {
        requireAbsent(account.profile());
        write(account);
    }

    /** Writes the profile for {@code account}, replacing one of the same name. */
    public synchronized void put(AccountCredentials account) {
        write(account);
    }

    /**
     * Removes the profile named for {@code account} if it still holds the account's access key (an account whose
     * creation was rolled back must not leave a profile that cannot sign); otherwise leaves the files alone.
     */
    synchronized void removeIfHolding(AccountCredentials account) {
        List<Section> credentialSections = read(credentials);
        Optional<Integer> at = find(credentialSections, account.profile());
        if (at.isEmpty() || !credentialSections.get(at.get()).holds("aws_access_key_id", account.accessKeyId())) {
            return;
        }
        credentialSections.remove((int) at.get());
        writePrivately(credentials, credentialSections);
        List<Section> configSections = read(config);
        find(configSections, configSection(account.profile())).ifPresent(index -> {
            configSections.remove((int) index);
            writePrivately(config, configSections);
        });
    }

    private void write(AccountCredentials account) {
        String profile = account.profile();
        requireValidName(profile);
        List<Section> credentialSections = read(credentials);
        replaceOrAppend(credentialSections, new Section(profile, List.of("[" + profile + "]",
                "aws_access_key_id = " + account.accessKeyId(),
                "aws_secret_access_key = " + account.secretAccessKey(),
                "region = " + region)));
        List<Section> configSections = read(config);
        String configName = configSection(profile);
        replaceOrAppend(configSections, new Section(configName, List.of("[" + configName + "]",
                "region = " + region,
                "output = json")));
        writePrivately(credentials, credentialSections);
        writePrivately(config, configSections);
    }

    /**
     * A part of a file: a section from its header up to the next one, or (with an empty name) the lines before the
     * first header.
     */
    private record Section(String name, List<String> lines) {
        Section {
            lines = List.copyOf(lines);
        }

        boolean holds(String key, String value) {
            for (String line : lines) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).strip().equals(key)
                        && line.substring(eq + 1).strip().equals(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The config file names the default profile {@code [default]}, every other one {@code [profile NAME]}. */
    private static String configSection(String profile) {
        return profile.equals("default") ? profile : "profile " + profile;
    }

    private static List<Section> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Section> sections = new ArrayList<>();
        String name = "";
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            Optional<String> header = header(line);
            if (header.isPresent()) {
                if (!name.isEmpty() || !current.isEmpty()) {
                    sections.add(new Section(name, current));
                }
                name = header.get();
                current = new ArrayList<>();
            }
            current.add(line);
        }
        if (!name.isEmpty() || !current.isEmpty()) {
            sections.add(new Section(name, current));
        }
        return sections;
    }

    /** {@code [ profile  name ]} is the section {@code profile name}: the AWS CLI ignores the extra blanks. */
    private static Optional<String> header(String line) {
        String stripped = line.strip();
        if (stripped.length() < 2 || stripped.charAt(0) != '[' || stripped.charAt(stripped.length() - 1) != ']') {
            return Optional.empty();
        }
        String[] words = stripped.substring(1, stripped.length() - 1).strip().split("\\s+");
        return Optional.of(String.join(" ", words));
    }

    private static Optional<Integer> find(List<Section> sections, String name) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static void replaceOrAppend(List<Section> sections, Section section) {
        find(sections, section.name()).ifPresentOrElse(index -> sections.set(index, section),
                () -> sections.add(section));
    }

    /**
     * Sections separated by one blank line, whatever blank lines they ended with before; the lines before the
     * first header (comments, usually) stay as they were.
     */
    private static String render(List<Section> sections) {
        StringBuilder text = new StringBuilder();
        boolean separate = false;
        for (Section section : sections) {
            List<String> lines = section.lines();
            if (section.name().isEmpty()) {
                lines.forEach(line -> text.append(line).append('\n'));
                continue;
            }
            int end = lines.size();
            while (lines.get(end - 1).isBlank()) {
                end--;
            }
            if (separate) {
                text.append('\n');
            }
            for (String line : lines.subList(0, end)) {
                text.append(line).append('\n');
            }
            separate = true;
        }
        return text.toString();
    }

    private static void writePrivately(Path file, List<Section> sections) {
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(render(sections).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                // on disk before the rename makes it the file: a crash leaves the old file or the new, never an empty one
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the failure that got us here is the one worth reporting
            }
        }
    }

    private static boolean nameCharacter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-';
    }
}
