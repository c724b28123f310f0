package io.iamledger.command.role;

import static io.iamledger.command.testing.IamErrors.validationError;

import io.iamledger.events.identity.Tag;
import io.iamledger.events.role.RoleSessionIssuedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleSessionAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ROLE_ID = "AROAEXAMPLEROLE00001";
    private static final String NAME = "deployer";
    private static final String ARN = "arn:aws:iam::123456789012:role/deploy/deployer";
    private static final String POLICY = "arn:aws:iam::123456789012:policy/Deploy";
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

    private FixtureConfiguration<RoleSessionAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoleSessionAggregate.class);
    }

    private static IssueRoleSessionCommand session(int maxSessionDuration, int seconds, boolean chained) {
        return new IssueRoleSessionCommand(ACCOUNT, ROLE_ID, NAME, ARN, maxSessionDuration, "build-42",
                "ASIAEXAMPLESESSION01", "arn:aws:iam::210987654321:user/ci", "210987654321", Optional.of("ci-bot"),
                Optional.empty(), List.of(POLICY), List.of(new Tag("project", "blue")), List.of("project"), true,
                chained, seconds, T1);
    }

    @Test
    void issuesASessionThatEndsAfterItsDuration() {
        fixture.givenNoPriorActivity()
                .when(session(3600, 3600, false))
                .expectEvents(new RoleSessionIssuedEvent(ACCOUNT, ROLE_ID, NAME, ARN, "build-42",
                        "arn:aws:sts::123456789012:assumed-role/deployer/build-42", "ASIAEXAMPLESESSION01",
                        "arn:aws:iam::210987654321:user/ci", "210987654321", Optional.of("ci-bot"), Optional.empty(),
                        List.of(POLICY), List.of(new Tag("project", "blue")), List.of("project"), true,
                        T1.plusSeconds(3600), T1));
    }

    @Test
    void refusesASessionLongerThanTheRoleAllows() {
        fixture.givenNoPriorActivity()
                .when(session(3600, 3601, false))
                .expectException(validationError(
                        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
    }

    @Test
    void refusesAChainedSessionOverOneHourEvenWhenTheRoleAllowsMore() {
        fixture.givenNoPriorActivity()
                .when(session(43200, 3601, true))
                .expectException(validationError("The requested DurationSeconds exceeds the 1 hour session limit"
                        + " for roles assumed by role chaining."));
    }

    @Test
    void aChainedSessionMayLastTheFullHour() {
        fixture.givenNoPriorActivity()
                .when(session(43200, 3600, true))
                .expectSuccessfulHandlerExecution();
    }
}
