package io.iamledger.infra.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Command-line arguments: positional values and {@code --name=value} options. A bad value names its argument. */
final class Options {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> named = new LinkedHashMap<>();

    static Options parse(String[] args) {
        Options options = new Options();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                options.named.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    String mode() {
        return positional.isEmpty() ? "help" : positional.get(0);
    }

    /** The n-th positional argument after the mode, as a positive whole number, or the fallback. */
    long positiveAt(int index, String name, long fallback) {
        return index + 1 < positional.size() ? positive(name, positional.get(index + 1)) : fallback;
    }

    long positive(String name, long fallback) {
        String value = named.get(name);
        return value == null ? fallback : positive(name, value);
    }

    Duration seconds(String name, long fallbackSeconds) {
        String value = named.get(name);
        return Duration.ofSeconds(value == null ? fallbackSeconds : nonNegative(name, value));
    }

    Optional<Path> path(String name) {
        return Optional.ofNullable(named.get(name)).map(Path::of).map(p -> p.toAbsolutePath().normalize());
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(named.get(name));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(named.getOrDefault(name, "false"));
    }

    List<Integer> positiveList(String name, List<Integer> fallback) {
        String value = named.get(name);
        if (value == null) {
            return fallback;
        }
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",")) {
            values.add(Math.toIntExact(positive(name, part)));
        }
        return values;
    }

    private static long positive(String name, String value) {
        long parsed = nonNegative(name, value);
        if (parsed == 0) {
            throw new IllegalArgumentException(name + " must be positive: '" + value + "'");
        }
        return parsed;
    }

    private static long nonNegative(String name, String value) {
        try {
            long parsed = Long.parseLong(value.trim().replace("_", ""));
            if (parsed < 0) {
                throw new IllegalArgumentException(name + " must not be negative: '" + value + "'");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: '" + value + "'", e);
        }
    }
}
