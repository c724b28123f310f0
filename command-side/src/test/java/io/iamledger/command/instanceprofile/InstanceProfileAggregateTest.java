package io.iamledger.command.instanceprofile;

import static io.iamledger.command.testing.IamErrors.alreadyExists;
import static io.iamledger.command.testing.IamErrors.deleteConflict;
import static io.iamledger.command.testing.IamErrors.limitExceeded;
import static io.iamledger.command.testing.IamErrors.noSuchEntity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.iamledger.command.NoSuchEntityInterceptor;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.testing.InMemoryEntityRegistry;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.instanceprofile.InstanceProfileCreatedEvent;
import io.iamledger.events.instanceprofile.InstanceProfileDeletedEvent;
import io.iamledger.events.instanceprofile.RoleAddedToInstanceProfileEvent;
import io.iamledger.events.instanceprofile.RoleRemovedFromInstanceProfileEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstanceProfileAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ID = "AIPAEXAMPLEPROFILE01";
    private static final String ARN = "arn:aws:iam::123456789012:instance-profile/apps/web";
    private static final String ROLE_ID = "AROAEXAMPLEROLE00001";
    private static final String OTHER_ROLE_ID = "AROAEXAMPLEROLE00002";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

    private FixtureConfiguration<InstanceProfileAggregate> fixture;
    private InMemoryEntityRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryEntityRegistry();
        registry.claim(ACCOUNT, EntityKind.ROLE, "deployer", ROLE_ID);
        registry.claim(ACCOUNT, EntityKind.ROLE, "auditor", OTHER_ROLE_ID);
        fixture = new AggregateTestFixture<>(InstanceProfileAggregate.class);
        fixture.registerInjectableResource(registry);
        fixture.registerCommandHandlerInterceptor(new NoSuchEntityInterceptor());
    }

    private static InstanceProfileCreatedEvent created() {
        return new InstanceProfileCreatedEvent(ACCOUNT, ID, "web", "/apps/", ARN, List.of(), T0);
    }

    private static RoleAddedToInstanceProfileEvent added() {
        return new RoleAddedToInstanceProfileEvent(ACCOUNT, ID, "web", ROLE_ID, "deployer", T0);
    }

    @Test
    void createsAProfileAndClaimsItsName() {
        List<Tag> tags = List.of(new Tag("tier", "front"));
        fixture.givenNoPriorActivity()
                .when(new CreateInstanceProfileCommand(ACCOUNT, ID, "web", "/apps/", tags, T1))
                .expectEvents(new InstanceProfileCreatedEvent(ACCOUNT, ID, "web", "/apps/", ARN, tags, T1));
        assertThat(registry.find(ACCOUNT, EntityKind.INSTANCE_PROFILE, "WEB")).contains(ID);
    }

    @Test
    void aTakenNameIsRefused() {
        registry.claim(ACCOUNT, EntityKind.INSTANCE_PROFILE, "Web", "AIPAOTHER");
        fixture.givenNoPriorActivity()
                .when(new CreateInstanceProfileCommand(ACCOUNT, ID, "web", "/", List.of(), T1))
                .expectException(alreadyExists("Instance Profile web already exists."));
    }

    @Test
    void aBadNameIsAValidationError() {
        fixture.givenNoPriorActivity()
                .when(new CreateInstanceProfileCommand(ACCOUNT, ID, "no spaces", "/", List.of(), T1))
                .expectException(IamException.class)
                .expectExceptionMessage(containsString("'instanceProfileName' failed to satisfy constraint"));
    }

    @Test
    void addsARoleByItsNameCaseInsensitively() {
        fixture.given(created())
                .when(new AddRoleToInstanceProfileCommand(ACCOUNT, ID, "web", "DEPLOYER", T1))
                .expectEvents(new RoleAddedToInstanceProfileEvent(ACCOUNT, ID, "web", ROLE_ID, "DEPLOYER", T1));
        assertThat(registry.instanceProfileCount(ACCOUNT, ROLE_ID)).isEqualTo(1);
    }

    @Test
    void holdsOneRoleAtMost() {
        fixture.given(created(), added())
                .when(new AddRoleToInstanceProfileCommand(ACCOUNT, ID, "web", "auditor", T1))
                .expectException(limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"));
    }

    @Test
    void anUnknownRoleIsNoSuchEntity() {
        fixture.given(created())
                .when(new AddRoleToInstanceProfileCommand(ACCOUNT, ID, "web", "nobody", T1))
                .expectException(noSuchEntity("The role with name nobody cannot be found."));
    }

    @Test
    void anotherRoleCannotBeRemoved() {
        fixture.given(created(), added())
                .when(new RemoveRoleFromInstanceProfileCommand(ACCOUNT, ID, "web", "auditor", T1))
                .expectException(noSuchEntity("The role with name auditor is not in instance profile web."));
    }

    @Test
    void removesTheRoleItHolds() {
        registry.addRoleToInstanceProfile(ACCOUNT, ID, ROLE_ID);
        fixture.given(created(), added())
                .when(new RemoveRoleFromInstanceProfileCommand(ACCOUNT, ID, "web", "deployer", T1))
                .expectEvents(new RoleRemovedFromInstanceProfileEvent(ACCOUNT, ID, "web", ROLE_ID, "deployer", T1));
        assertThat(registry.instanceProfileCount(ACCOUNT, ROLE_ID)).isZero();
    }

    @Test
    void deletionConflictsWhileARoleRemains() {
        fixture.given(created(), added())
                .when(new DeleteInstanceProfileCommand(ACCOUNT, ID, "web", T1))
                .expectException(deleteConflict("Cannot delete entity, must remove roles from instance profile "
                        + "first."));
    }

    @Test
    void aProfileWithoutARoleIsDeletedAndItsNameReleased() {
        registry.claim(ACCOUNT, EntityKind.INSTANCE_PROFILE, "web", ID);
        fixture.given(created(), added(), new RoleRemovedFromInstanceProfileEvent(ACCOUNT, ID, "web", ROLE_ID,
                        "deployer", T0))
                .when(new DeleteInstanceProfileCommand(ACCOUNT, ID, "web", T1))
                .expectEvents(new InstanceProfileDeletedEvent(ACCOUNT, ID, "web", T1))
                .expectMarkedDeleted();
        assertThat(registry.find(ACCOUNT, EntityKind.INSTANCE_PROFILE, "web")).isEmpty();
    }

    @Test
    void aDeletedProfileIsNoSuchEntity() {
        fixture.given(created(), new InstanceProfileDeletedEvent(ACCOUNT, ID, "web", T0))
                .when(new AddRoleToInstanceProfileCommand(ACCOUNT, ID, "web", "deployer", T1))
                .expectException(noSuchEntity("Instance Profile web cannot be found."));
    }
}
