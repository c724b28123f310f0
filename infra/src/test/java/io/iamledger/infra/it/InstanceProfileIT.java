package io.iamledger.infra.it;

import static io.iamledger.infra.it.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Instance profiles through the AWS SDK: created (name unique case-insensitively), read, listed by path and for
 * a role, holding one role at most, and the deletions each side refuses while they are linked.
 */
class InstanceProfileIT {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final IamClient root = SharedLedger.iam();

    @Test
    void aProfileHoldsOneRoleAndNeitherIsDeletedWhileLinked() {
        String name = SharedLedger.unique("web");
        String role = SharedLedger.unique("web-role");
        String other = SharedLedger.unique("other-role");
        String path = "/" + SharedLedger.unique("apps") + "/";
        root.createRole(r -> r.roleName(role).assumeRolePolicyDocument(TRUST));
        root.createRole(r -> r.roleName(other).assumeRolePolicyDocument(TRUST));
        Instant before = Instant.now().minusSeconds(2);

        InstanceProfile created = root.createInstanceProfile(r -> r.instanceProfileName(name).path(path)
                .tags(Tag.builder().key("tier").value("front").build())).instanceProfile();
        assertThat(created.instanceProfileId()).startsWith("AIPA").hasSize(21);
        assertThat(created.arn()).endsWith(":instance-profile" + path + name);
        assertThat(created.createDate()).isAfter(before);
        assertThat(created.roles()).isEmpty();
        assertAwsError(() -> root.createInstanceProfile(r -> r.instanceProfileName(name.toUpperCase())), 409,
                "EntityAlreadyExists", "Instance Profile " + name.toUpperCase() + " already exists.");
        assertAwsError(() -> root.createInstanceProfile(r -> r.instanceProfileName("no spaces")), 400,
                "ValidationError", null);

        root.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(role));
        assertAwsError(() -> root.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(other)), 409,
                "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        assertAwsError(() -> root.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName("nobody")),
                404, "NoSuchEntity", "The role with name nobody cannot be found.");
        assertAwsError(() -> root.addRoleToInstanceProfile(r -> r.instanceProfileName("nothing").roleName(role)),
                404, "NoSuchEntity", "Instance Profile nothing cannot be found.");

        InstanceProfile read = root.getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile();
        assertThat(read.instanceProfileId()).isEqualTo(created.instanceProfileId());
        assertThat(read.path()).isEqualTo(path);
        assertThat(read.tags()).singleElement().satisfies(tag -> assertThat(tag.value()).isEqualTo("front"));
        assertThat(root.listInstanceProfileTags(r -> r.instanceProfileName(name)).tags()).extracting(Tag::key)
                .containsExactly("tier");
        assertThat(read.roles()).singleElement().satisfies(r -> {
            assertThat(r.roleName()).isEqualTo(role);
            assertThat(r.assumeRolePolicyDocument()).contains("ec2.amazonaws.com");
        });
        ListInstanceProfilesResponse byPath = root.listInstanceProfiles(r -> r.pathPrefix(path));
        assertThat(byPath.instanceProfiles()).extracting(InstanceProfile::instanceProfileName).containsExactly(name);
        assertThat(root.listInstanceProfilesForRole(r -> r.roleName(role)).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly(name);
        assertThat(root.listInstanceProfilesForRole(r -> r.roleName(other)).instanceProfiles()).isEmpty();

        assertAwsError(() -> root.deleteRole(r -> r.roleName(role)), 409, "DeleteConflict",
                "Cannot delete entity, must remove roles from instance profile first.");
        assertAwsError(() -> root.deleteInstanceProfile(r -> r.instanceProfileName(name)), 409, "DeleteConflict",
                "Cannot delete entity, must remove roles from instance profile first.");
        assertAwsError(() -> root.removeRoleFromInstanceProfile(r -> r.instanceProfileName(name).roleName(other)),
                404, "NoSuchEntity", null);

        root.removeRoleFromInstanceProfile(r -> r.instanceProfileName(name).roleName(role));
        assertThat(root.getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile().roles()).isEmpty();
        root.deleteRole(r -> r.roleName(role));
        root.deleteInstanceProfile(r -> r.instanceProfileName(name));
        assertAwsError(() -> root.getInstanceProfile(r -> r.instanceProfileName(name)), 404, "NoSuchEntity",
                "Instance Profile " + name + " cannot be found.");
        assertThat(root.listInstanceProfiles(r -> r.pathPrefix(path)).instanceProfiles()).isEmpty();
        // the name is free again
        root.createInstanceProfile(r -> r.instanceProfileName(name));
        root.deleteInstanceProfile(r -> r.instanceProfileName(name));
        root.deleteRole(r -> r.roleName(other));
    }

    @Test
    void listingPagesByName() {
        String path = "/" + SharedLedger.unique("paged") + "/";
        List<String> names = List.of("b-" + SharedLedger.unique("p"), "a-" + SharedLedger.unique("p"),
                "C-" + SharedLedger.unique("p"));
        names.forEach(n -> root.createInstanceProfile(r -> r.instanceProfileName(n).path(path)));
        ListInstanceProfilesResponse first = root.listInstanceProfiles(r -> r.pathPrefix(path).maxItems(2));
        assertThat(first.isTruncated()).isTrue();
        ListInstanceProfilesResponse rest = root.listInstanceProfiles(r -> r.pathPrefix(path).marker(first.marker()));
        assertThat(rest.isTruncated()).isFalse();
        assertThat(first.instanceProfiles()).extracting(InstanceProfile::instanceProfileName)
                .containsExactly(names.get(1), names.get(0));
        assertThat(rest.instanceProfiles()).extracting(InstanceProfile::instanceProfileName)
                .containsExactly(names.get(2));
        names.forEach(n -> root.deleteInstanceProfile(r -> r.instanceProfileName(n)));
    }
}
