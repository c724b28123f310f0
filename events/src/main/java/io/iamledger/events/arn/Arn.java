package io.iamledger.events.arn;

import io.iamledger.events.error.IamException;

import java.util.Objects;
import java.util.Optional;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account:resource}, taken apart into its six
 * fields. The resource is everything after the fifth colon and may itself hold colons and slashes
 * ({@code assumed-role/Admin/alice}, {@code log-group:/aws/lambda/x:*}).
 *
 * <p>Immutable and thread-safe. Parsing does not check that a service, account or resource exists, only that the
 * text has the shape of an ARN: the prefix {@code arn}, a non-empty partition and service, and six fields. The
 * factories build the ARNs of IAM and STS principals and policies in the {@code aws} partition, formatted exactly as
 * AWS formats them.
 *
 * @param partition the partition, e.g. {@code aws}; non-empty
 * @param service   the service namespace, e.g. {@code iam}; non-empty
 * @param region    the region, empty for global services such as IAM
 * @param account   the account id, {@code aws} for AWS managed policies, or empty (S3 buckets)
 * @param resource  the resource part, e.g. {@code user/division/alice}; may be empty only in patterns
 */
public record Arn(String partition, String service, String region, String account, String resource) {
    /** The partition of every ARN this server issues. */
    public static final String AWS_PARTITION = "aws";
    /** The account field of AWS managed policies: {@code arn:aws:iam::aws:policy/...}. */
    public static final String AWS_ACCOUNT = "aws";

    public Arn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(resource, "resource");
        if (partition.isEmpty() || service.isEmpty() || partition.indexOf(':') >= 0 || service.indexOf(':') >= 0
                || region.indexOf(':') >= 0 || account.indexOf(':') >= 0) {
            throw IamException.invalidInput("ARN " + format(partition, service, region, account, resource)
                    + " is not valid.");
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws IamException {@code InvalidInput} "ARN <text> is not valid." if it does not have six fields with the
     *                      prefix {@code arn} and a non-empty partition and service
     */
    public static Arn parse(String text) {
        return tryParse(text).orElseThrow(() -> IamException.invalidInput("ARN " + text + " is not valid."));
    }

    /** Parses {@code text}, or empty if it is not an ARN (for example {@code *}); never throws. */
    public static Optional<Arn> tryParse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        int partitionEnd = text.indexOf(':', 4);
        int serviceEnd = partitionEnd < 0 ? -1 : text.indexOf(':', partitionEnd + 1);
        int regionEnd = serviceEnd < 0 ? -1 : text.indexOf(':', serviceEnd + 1);
        int accountEnd = regionEnd < 0 ? -1 : text.indexOf(':', regionEnd + 1);
        if (accountEnd < 0 || partitionEnd == 4 || serviceEnd == partitionEnd + 1) {
            return Optional.empty();
        }
        return Optional.of(new Arn(text.substring(4, partitionEnd), text.substring(partitionEnd + 1, serviceEnd),
                text.substring(serviceEnd + 1, regionEnd), text.substring(regionEnd + 1, accountEnd),
                text.substring(accountEnd + 1)));
    }

    /**
     * The account field of {@code text} if it is an ARN, without building one: for hot paths that need only the
     * owning account of a resource.
     */
    public static Optional<String> accountOf(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        int colon = 3;
        for (int field = 0; field < 3; field++) {
            colon = text.indexOf(':', colon + 1);
            if (colon < 0) {
                return Optional.empty();
            }
        }
        int accountEnd = text.indexOf(':', colon + 1);
        return accountEnd < 0 ? Optional.empty() : Optional.of(text.substring(colon + 1, accountEnd));
    }

    /** {@code arn:aws:iam::<account>:<resource>}. */
    public static Arn iam(String account, String resource) {
        return new Arn(AWS_PARTITION, "iam", "", account, resource);
    }

    /** The account's root user, {@code arn:aws:iam::<account>:root}. */
    public static Arn root(String account) {
        return iam(account, "root");
    }

    /** {@code arn:aws:iam::<account>:user<path><name>}; {@code path} begins and ends with {@code /}. */
    public static Arn user(String account, String path, String name) {
        return iam(account, "user" + path + name);
    }

    /** {@code arn:aws:iam::<account>:group<path><name>}. */
    public static Arn group(String account, String path, String name) {
        return iam(account, "group" + path + name);
    }

    /** {@code arn:aws:iam::<account>:role<path><name>}. */
    public static Arn role(String account, String path, String name) {
        return iam(account, "role" + path + name);
    }

    /** A customer managed policy, {@code arn:aws:iam::<account>:policy<path><name>}. */
    public static Arn policy(String account, String path, String name) {
        return iam(account, "policy" + path + name);
    }

    /** An AWS managed policy, {@code arn:aws:iam::aws:policy<path><name>}. */
    public static Arn awsManagedPolicy(String path, String name) {
        return policy(AWS_ACCOUNT, path, name);
    }

    /** An instance profile, {@code arn:aws:iam::<account>:instance-profile<path><name>}. */
    public static Arn instanceProfile(String account, String path, String name) {
        return iam(account, "instance-profile" + path + name);
    }

    /** An OpenID Connect provider, {@code arn:aws:iam::<account>:oidc-provider/<url without https://>}. */
    public static Arn oidcProvider(String account, String urlWithoutScheme) {
        return iam(account, "oidc-provider/" + urlWithoutScheme);
    }

    /** A virtual MFA device, {@code arn:aws:iam::<account>:mfa<path><name>}: its serial number. */
    public static Arn mfa(String account, String path, String name) {
        return iam(account, "mfa" + path + name);
    }

    /** A role session, {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}. */
    public static Arn assumedRole(String account, String roleName, String sessionName) {
        return new Arn(AWS_PARTITION, "sts", "", account, "assumed-role/" + roleName + "/" + sessionName);
    }

    /**
     * The resource type: the resource part up to its first {@code /} or {@code :} ({@code user} for
     * {@code user/alice}), or the whole resource part if it has neither ({@code root}).
     */
    public String resourceType() {
        int end = typeEnd();
        return end < 0 ? resource : resource.substring(0, end);
    }

    /**
     * The resource's own name: the resource part after its last {@code /} ({@code alice} for
     * {@code user/division/alice}), or after the type if there is no slash.
     */
    public String resourceName() {
        int slash = resource.lastIndexOf('/');
        if (slash >= 0) {
            return resource.substring(slash + 1);
        }
        int end = typeEnd();
        return end < 0 ? resource : resource.substring(end + 1);
    }

    /**
     * The IAM path of a path-carrying resource ({@code /division/} for {@code user/division/alice}, {@code /} for
     * {@code user/alice}), or empty if the resource part has no slash.
     */
    public Optional<String> path() {
        int first = resource.indexOf('/');
        if (first < 0) {
            return Optional.empty();
        }
        return Optional.of(resource.substring(first, resource.lastIndexOf('/') + 1));
    }

    /** Whether this names a resource of {@code service} and {@code resourceType}, e.g. {@code iam} and {@code role}. */
    public boolean is(String service, String resourceType) {
        return this.service.equals(service) && resourceType().equals(resourceType);
    }

    private int typeEnd() {
        for (int i = 0; i < resource.length(); i++) {
            char c = resource.charAt(i);
            if (c == '/' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    /** The ARN as AWS writes it. */
    @Override
    public String toString() {
        return format(partition, service, region, account, resource);
    }

    private static String format(String partition, String service, String region, String account, String resource) {
        return "arn:" + partition + ':' + service + ':' + region + ':' + account + ':' + resource;
    }
}
