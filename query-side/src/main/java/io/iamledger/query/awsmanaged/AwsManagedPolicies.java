package io.iamledger.query.awsmanaged;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in catalog of AWS managed policies ({@code arn:aws:iam::aws:policy/<path><name>}), each with the
 * document of its default version.
 *
 * <p>The catalog is read from the class-path resource {@code aws-managed-policies.json.gz} in this package
 * the first time any method is called, exactly once, and never changes afterwards; every method is
 * thread-safe and returns immutable values. Arguments must not be null ({@link NullPointerException}). A
 * missing or corrupt resource is a packaging bug: the first call then fails with an
 * {@link ExceptionInInitializerError} whose cause names the problem.
 *
 * <p>The resource, its source and how to regenerate it are described in the README beside it.
 */
public final class AwsManagedPolicies {

    static final String RESOURCE = "aws-managed-policies.json.gz";

    private AwsManagedPolicies() {
    }

    /**
     * Finds the AWS managed policy with this ARN.
     *
     * @param arn the policy's ARN, matched exactly (case-sensitive)
     * @return the policy, or empty if the catalog has no policy with this ARN
     */
    public static Optional<AwsManagedPolicy> byArn(String arn) {
        requireNonNull(arn, "arn");
        return Optional.ofNullable(Catalog.BY_ARN.get(arn));
    }

    /**
     * Tells whether the catalog has an AWS managed policy with this ARN.
     *
     * @param arn the policy's ARN, matched exactly (case-sensitive)
     * @return whether {@link #byArn(String)} would find it
     */
    public static boolean exists(String arn) {
        requireNonNull(arn, "arn");
        return Catalog.BY_ARN.containsKey(arn);
    }

    /**
     * Lists every policy in the catalog.
     *
     * @return an unmodifiable list sorted by policy name (then by ARN)
     */
    public static List<AwsManagedPolicy> all() {
        return Catalog.ALL;
    }

    /** Initialization-on-demand holder: the JVM loads the catalog once, on first use, with no locking after. */
    private static final class Catalog {

        static final List<AwsManagedPolicy> ALL;
        static final Map<String, AwsManagedPolicy> BY_ARN;

        static {
            List<AwsManagedPolicy> policies = new ArrayList<>(load());
            policies.sort(Comparator.comparing(AwsManagedPolicy::policyName).thenComparing(AwsManagedPolicy::arn));
            Map<String, AwsManagedPolicy> byArn = new HashMap<>();
            for (AwsManagedPolicy policy : policies) {
                if (byArn.putIfAbsent(policy.arn(), policy) != null) {
                    throw new IllegalStateException("duplicate ARN in " + RESOURCE + ": " + policy.arn());
                }
            }
            ALL = List.copyOf(policies);
            BY_ARN = Map.copyOf(byArn);
        }

        private static List<AwsManagedPolicy> load() {
            try (InputStream in = AwsManagedPolicies.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("class-path resource missing: " + RESOURCE);
                }
                return CatalogReader.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + RESOURCE, e);
            }
        }
    }
}
