package io.iamledger.command.account;

import static io.iamledger.command.testing.IamErrors.limitExceeded;
import static io.iamledger.command.testing.IamErrors.noSuchEntity;
import static io.iamledger.command.testing.IamErrors.validationError;

import io.iamledger.command.testing.Snapshots;
import io.iamledger.events.account.AccountCreatedEvent;
import io.iamledger.events.identity.AccessKeyCreatedEvent;
import io.iamledger.events.identity.AccessKeyDeletedEvent;
import io.iamledger.events.identity.AccessKeyRotatedEvent;
import io.iamledger.events.identity.AccessKeyStatus;
import io.iamledger.events.identity.AccessKeyStatusChangedEvent;
import io.iamledger.events.identity.IdentityRef;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final IdentityRef ROOT = IdentityRef.root(ACCOUNT);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
    private static final String KEY1 = "AKIAROOTKEY000000001";
    private static final String KEY2 = "AKIAROOTKEY000000002";
    private static final String KEY3 = "AKIAROOTKEY000000003";

    private FixtureConfiguration<AccountAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccountAggregate.class);
    }

    private static AccountCreatedEvent created() {
        return new AccountCreatedEvent(ACCOUNT, T0);
    }

    private static AccessKeyCreatedEvent keyCreated(String keyId) {
        return new AccessKeyCreatedEvent(ACCOUNT, ROOT, keyId, "fp-" + keyId, T0);
    }

    @Test
    void createsAccount() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACCOUNT, T0))
                .expectEvents(created());
    }

    @Test
    void cannotCreateAccountWithIdThatIsNotTwelveDigits() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand("12345", T0))
                .expectException(validationError("2 validation errors detected: Value '12345' at 'accountId' "
                        + "failed to satisfy constraint: Member must have length greater than or equal to 12; "
                        + "Value '12345' at 'accountId' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern: \\d{12}"))
                .expectNoEvents();
    }

    @Test
    void createsRootAccessKey() {
        fixture.given(created())
                .when(new CreateRootAccessKeyCommand(ACCOUNT, KEY1, "fp-" + KEY1, T1))
                .expectEvents(new AccessKeyCreatedEvent(ACCOUNT, ROOT, KEY1, "fp-" + KEY1, T1));
    }

    @Test
    void cannotCreateThirdRootAccessKey() {
        fixture.given(created(), keyCreated(KEY1), keyCreated(KEY2))
                .when(new CreateRootAccessKeyCommand(ACCOUNT, KEY3, "fp", T1))
                .expectException(limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2"))
                .expectNoEvents();
    }

    @Test
    void deactivatesRootAccessKey() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new UpdateRootAccessKeyCommand(ACCOUNT, KEY1, AccessKeyStatus.Inactive, T1))
                .expectEvents(new AccessKeyStatusChangedEvent(ACCOUNT, ROOT, KEY1, AccessKeyStatus.Inactive, T1));
    }

    @Test
    void settingRootAccessKeyToItsCurrentStatusChangesNothing() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new UpdateRootAccessKeyCommand(ACCOUNT, KEY1, AccessKeyStatus.Active, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotUpdateUnknownRootAccessKey() {
        fixture.given(created())
                .when(new UpdateRootAccessKeyCommand(ACCOUNT, KEY1, AccessKeyStatus.Inactive, T1))
                .expectException(noSuchEntity("The Access Key with id " + KEY1 + " cannot be found."));
    }

    @Test
    void deletesRootAccessKey() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new DeleteRootAccessKeyCommand(ACCOUNT, KEY1, T1))
                .expectEvents(new AccessKeyDeletedEvent(ACCOUNT, ROOT, KEY1, T1));
    }

    @Test
    void cannotDeleteUnknownRootAccessKey() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new DeleteRootAccessKeyCommand(ACCOUNT, KEY2, T1))
                .expectException(noSuchEntity("The Access Key with id " + KEY2 + " cannot be found."));
    }

    @Test
    void deletedRootAccessKeyFreesItsSlot() {
        fixture.given(created(), keyCreated(KEY1), keyCreated(KEY2), new AccessKeyDeletedEvent(ACCOUNT, ROOT, KEY1, T0))
                .when(new CreateRootAccessKeyCommand(ACCOUNT, KEY3, "fp", T1))
                .expectEvents(new AccessKeyCreatedEvent(ACCOUNT, ROOT, KEY3, "fp", T1));
    }

    @Test
    void rotatesRootAccessKey() {
        fixture.given(created(), keyCreated(KEY1))
                .when(new RotateRootAccessKeyCommand(ACCOUNT, KEY1, KEY2, "fp-" + KEY2, T1))
                .expectEvents(new AccessKeyRotatedEvent(ACCOUNT, ROOT, KEY2, "fp-" + KEY2, KEY1, T1));
    }

    @Test
    void rotationLeavesReplacedRootKeyInactive() {
        fixture.given(created(), keyCreated(KEY1), new AccessKeyRotatedEvent(ACCOUNT, ROOT, KEY2, "fp", KEY1, T0))
                .when(new UpdateRootAccessKeyCommand(ACCOUNT, KEY1, AccessKeyStatus.Inactive, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotRotateUnknownRootAccessKey() {
        fixture.given(created())
                .when(new RotateRootAccessKeyCommand(ACCOUNT, KEY1, KEY2, "fp", T1))
                .expectException(noSuchEntity("The Access Key with id " + KEY1 + " cannot be found."));
    }

    @Test
    void cannotRotateRootAccessKeyWhileTwoKeysExist() {
        fixture.given(created(), keyCreated(KEY1), keyCreated(KEY2))
                .when(new RotateRootAccessKeyCommand(ACCOUNT, KEY1, KEY3, "fp", T1))
                .expectException(limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2. Delete the inactive "
                        + "access key first, then rotate " + KEY1 + "."))
                .expectNoEvents();
    }

    @Test
    void accountSurvivesSnapshot() {
        fixture.given(created(), keyCreated(KEY1), new AccessKeyRotatedEvent(ACCOUNT, ROOT, KEY2, "fp", KEY1, T0))
                .when(new DeleteRootAccessKeyCommand(ACCOUNT, KEY1, T1))
                .expectState(Snapshots::assertSurvivesSnapshot);
    }
}
