package io.iamledger.command.mfa;

import static io.iamledger.command.testing.IamErrors.alreadyExists;
import static io.iamledger.command.testing.IamErrors.deleteConflict;
import static io.iamledger.command.testing.IamErrors.limitExceeded;
import static io.iamledger.command.testing.IamErrors.noSuchEntity;
import static io.iamledger.command.testing.IamErrors.validationError;
import static org.assertj.core.api.Assertions.assertThat;

import io.iamledger.command.NoSuchEntityInterceptor;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.testing.InMemoryEntityRegistry;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.identity.Tag;
import io.iamledger.events.mfa.MfaDeviceDeactivatedEvent;
import io.iamledger.events.mfa.MfaDeviceEnabledEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceCreatedEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceDeletedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VirtualMfaDeviceAggregateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String DEVICE = "AMFAEXAMPLEDEVICE01";
    private static final String SERIAL = "arn:aws:iam::123456789012:mfa/phone";
    private static final String USER_ID = "AIDAEXAMPLEUSER00001";
    private static final IdentityRef BOB = IdentityRef.user(USER_ID, "bob");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

    private FixtureConfiguration<VirtualMfaDeviceAggregate> fixture;
    private InMemoryEntityRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryEntityRegistry();
        registry.claim(ACCOUNT, EntityKind.USER, "bob", USER_ID);
        fixture = new AggregateTestFixture<>(VirtualMfaDeviceAggregate.class);
        fixture.registerInjectableResource(registry);
        fixture.registerCommandHandlerInterceptor(new NoSuchEntityInterceptor());
    }

    private static VirtualMfaDeviceCreatedEvent created() {
        return new VirtualMfaDeviceCreatedEvent(ACCOUNT, DEVICE, SERIAL, "phone", "/", List.of(), T0);
    }

    private static MfaDeviceEnabledEvent enabled() {
        return new MfaDeviceEnabledEvent(ACCOUNT, DEVICE, SERIAL, BOB, T0);
    }

    private static EnableMfaDeviceCommand enable() {
        return new EnableMfaDeviceCommand(ACCOUNT, DEVICE, SERIAL, USER_ID, "bob", T1);
    }

    @Test
    void createsADeviceAndClaimsItsSerialNumber() {
        List<Tag> tags = List.of(new Tag("kind", "app"));
        fixture.givenNoPriorActivity()
                .when(new CreateVirtualMfaDeviceCommand(ACCOUNT, DEVICE, SERIAL, "phone", "/", tags, T1))
                .expectEvents(new VirtualMfaDeviceCreatedEvent(ACCOUNT, DEVICE, SERIAL, "phone", "/", tags, T1));
        assertThat(registry.find(ACCOUNT, EntityKind.MFA_DEVICE, SERIAL.toUpperCase())).contains(DEVICE);
    }

    @Test
    void aSecondDeviceOfTheSameSerialNumberIsRefused() {
        registry.claim(ACCOUNT, EntityKind.MFA_DEVICE, SERIAL, "AMFAOTHER");
        fixture.givenNoPriorActivity()
                .when(new CreateVirtualMfaDeviceCommand(ACCOUNT, DEVICE, SERIAL, "phone", "/", List.of(), T1))
                .expectException(alreadyExists("MFADevice entity at the same path and name already exists."));
    }

    @Test
    void aBadNameIsAValidationError() {
        fixture.givenNoPriorActivity()
                .when(new CreateVirtualMfaDeviceCommand(ACCOUNT, DEVICE, "arn:aws:iam::123456789012:mfa/a b", "a b",
                        "/", List.of(), T1))
                .expectException(validationError("1 validation error detected: Value 'a b' at 'virtualMFADeviceName'"
                        + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                        + " [\\w+=,.@-]+"));
    }

    @Test
    void enablesForAnExistingUserAndRecordsTheAssignment() {
        fixture.given(created())
                .when(enable())
                .expectEvents(new MfaDeviceEnabledEvent(ACCOUNT, DEVICE, SERIAL, BOB, T1));
        assertThat(registry.mfaDeviceCount(ACCOUNT, USER_ID)).isEqualTo(1);
    }

    @Test
    void aDeviceInUseIsNotEnabledAgain() {
        fixture.given(created(), enabled())
                .when(enable())
                .expectException(alreadyExists("MFA device " + SERIAL + " is already enabled for user bob."));
    }

    @Test
    void aUserWhoIsGoneGetsNoDevice() {
        registry.release(ACCOUNT, EntityKind.USER, "bob");
        fixture.given(created())
                .when(enable())
                .expectException(noSuchEntity("The user with name bob cannot be found."));
    }

    @Test
    void aUserHoldsAtMostEightDevices() {
        for (int i = 0; i < VirtualMfaDeviceAggregate.MAX_DEVICES_PER_USER; i++) {
            registry.assignMfaDevice(ACCOUNT, "AMFA" + i, USER_ID);
        }
        fixture.given(created())
                .when(enable())
                .expectException(limitExceeded("Cannot exceed quota for MFADevicesInUsePerUser: 8"));
    }

    @Test
    void isNotDeactivatedForAnotherUser() {
        registry.claim(ACCOUNT, EntityKind.USER, "carol", "AIDACAROL");
        fixture.given(created(), enabled())
                .when(new DeactivateMfaDeviceCommand(ACCOUNT, DEVICE, SERIAL, Optional.of("carol"), T1))
                .expectException(noSuchEntity("MFA Device with serial number " + SERIAL
                        + " is not enabled for user carol."));
    }

    @Test
    void deactivatesForTheUserItServesNamedInAnyCase() {
        registry.assignMfaDevice(ACCOUNT, DEVICE, USER_ID);
        fixture.given(created(), enabled())
                .when(new DeactivateMfaDeviceCommand(ACCOUNT, DEVICE, SERIAL, Optional.of("BOB"), T1))
                .expectEvents(new MfaDeviceDeactivatedEvent(ACCOUNT, DEVICE, SERIAL, BOB, T1));
        assertThat(registry.mfaDeviceCount(ACCOUNT, USER_ID)).isZero();
    }

    @Test
    void isNotDeletedWhileInUse() {
        fixture.given(created(), enabled())
                .when(new DeleteVirtualMfaDeviceCommand(ACCOUNT, DEVICE, SERIAL, T1))
                .expectException(deleteConflict("MFA device " + SERIAL + " is in use: deactivate it first."));
    }

    @Test
    void isDeletedWhenNoOneUsesIt() {
        registry.claim(ACCOUNT, EntityKind.MFA_DEVICE, SERIAL, DEVICE);
        fixture.given(created(), enabled(), new MfaDeviceDeactivatedEvent(ACCOUNT, DEVICE, SERIAL, BOB, T0))
                .when(new DeleteVirtualMfaDeviceCommand(ACCOUNT, DEVICE, SERIAL, T1))
                .expectEvents(new VirtualMfaDeviceDeletedEvent(ACCOUNT, DEVICE, SERIAL, T1))
                .expectMarkedDeleted();
        assertThat(registry.find(ACCOUNT, EntityKind.MFA_DEVICE, SERIAL)).isEmpty();
    }

    @Test
    void aDeletedDeviceIsNoSuchEntity() {
        fixture.given(created(), new VirtualMfaDeviceDeletedEvent(ACCOUNT, DEVICE, SERIAL, T0))
                .when(enable())
                .expectException(noSuchEntity("VirtualMFADevice with serial number " + SERIAL + " doesn't exist."));
    }
}
