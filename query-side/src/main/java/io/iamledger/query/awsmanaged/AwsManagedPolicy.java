package io.iamledger.query.awsmanaged;

import static java.util.Objects.requireNonNull;

import io.iamledger.events.arn.Arn;
import java.time.Instant;
import java.util.Optional;

/**
 * One AWS managed policy with the document of its default version, as carried by the built-in catalog.
 *
 * <p>Immutable and thread-safe. No component is null; an absent description is {@link Optional#empty()}.
 *
 * @param policyName       the policy's name, for example {@code AdministratorAccess}
 * @param path             the policy's path, starting and ending with {@code /}, for example {@code /} or
 *                         {@code /job-function/}
 * @param arn              {@code arn:aws:iam::aws:policy} followed by the path and the name
 * @param policyId         the policy id; the catalog's source has none, so it is a stable {@code ANPA…} id
 *                         derived from the name rather than the one AWS shows
 * @param defaultVersionId the default version, for example {@code v3}
 * @param description      the description AWS gives, if the catalog has one
 * @param createDate       when AWS created the policy
 * @param updateDate       when AWS last updated the policy, never before {@code createDate}
 * @param document         the default version's policy document as JSON text
 * @throws NullPointerException     if a component is null
 * @throws IllegalArgumentException if the path, ARN or dates are inconsistent; the message names the value
 */
public record AwsManagedPolicy(
        String policyName,
        String path,
        String arn,
        String policyId,
        String defaultVersionId,
        Optional<String> description,
        Instant createDate,
        Instant updateDate,
        String document) {

    private static final String SERVICE_LINKED_ROLE_PATH = "/aws-service-role/";

    public AwsManagedPolicy {
        requireNonNull(policyName, "policyName");
        requireNonNull(path, "path");
        requireNonNull(arn, "arn");
        requireNonNull(policyId, "policyId");
        requireNonNull(defaultVersionId, "defaultVersionId");
        requireNonNull(description, "description");
        requireNonNull(createDate, "createDate");
        requireNonNull(updateDate, "updateDate");
        requireNonNull(document, "document");
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        if (!arn.equals(Arn.awsManagedPolicy(path, policyName).toString())) {
            throw new IllegalArgumentException(
                    "arn " + arn + " does not match path " + path + " and name " + policyName);
        }
        if (updateDate.isBefore(createDate)) {
            throw new IllegalArgumentException(
                    "updateDate " + updateDate + " is before createDate " + createDate + " of " + arn);
        }
    }

    /**
     * Whether AWS lets customers attach this policy to a user, group or role.
     *
     * <p>False only for service-linked role policies (path {@code /aws-service-role/}), which AWS refuses to
     * attach with {@code PolicyNotAttachable} because only the owning service's service-linked role may carry
     * them. Everything else is attachable, including {@code /service-role/} policies: those are meant for
     * roles a service assumes, but AWS does not enforce that. Deprecation is not modelled, since the catalog's
     * source does not record it.
     *
     * @return {@code false} for service-linked role policies, {@code true} otherwise
     */
    public boolean isAttachable() {
        return !path.equals(SERVICE_LINKED_ROLE_PATH);
    }
}
