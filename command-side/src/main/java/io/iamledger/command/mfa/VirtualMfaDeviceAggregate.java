package io.iamledger.command.mfa;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import io.iamledger.command.identity.Tags;
import io.iamledger.command.registry.EntityKind;
import io.iamledger.command.registry.EntityRegistry;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.IdentityKind;
import io.iamledger.events.identity.IdentityRef;
import io.iamledger.events.mfa.MfaDeviceDeactivatedEvent;
import io.iamledger.events.mfa.MfaDeviceEnabledEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceCreatedEvent;
import io.iamledger.events.mfa.VirtualMfaDeviceDeletedEvent;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A virtual MFA device, identified by a device id the edge makes (its serial number, the ARN, is unique per
 * account case-insensitively and held in the {@link EntityRegistry}, so a deleted device's name can be used again).
 * It is enabled for at most one user at a time; a user has at most {@value #MAX_DEVICES_PER_USER} devices, counted
 * in the registry, which the user's deletion also asks.
 */
public class VirtualMfaDeviceAggregate {
    /** AWS: MFA devices in use per user. */
    public static final int MAX_DEVICES_PER_USER = 8;

    @AggregateIdentifier
    private String deviceId;
    private String accountId;
    private String serialNumber;
    private IdentityRef user;

    VirtualMfaDeviceAggregate() {
        // Axon (replaying events) and Jackson (reading a snapshot) create the aggregate through this constructor.
    }

    /** AWS's NoSuchEntity message for a serial number that names no device of the account. */
    public static String noSuchDevice(String serialNumber) {
        return "VirtualMFADevice with serial number " + serialNumber + " doesn't exist.";
    }

    @CommandHandler
    VirtualMfaDeviceAggregate(CreateVirtualMfaDeviceCommand command, EntityRegistry registry) {
        IamNames.check()
                .mfaDeviceName("virtualMFADeviceName", command.deviceName())
                .path("path", command.path())
                .tags("tags", command.tags())
                .orThrow();
        Tags.checkAdd(Map.of(), command.tags(), IdentityKind.USER);
        registry.claim(command.accountId(), EntityKind.MFA_DEVICE, command.serialNumber(), command.deviceId());
        apply(new VirtualMfaDeviceCreatedEvent(command.accountId(), command.deviceId(), command.serialNumber(),
                command.deviceName(), command.path(), command.tags(), command.occurredAt()));
    }

    @CommandHandler
    void handle(EnableMfaDeviceCommand command, EntityRegistry registry) {
        checkAddressed(command);
        boolean userExists = registry.find(accountId, EntityKind.USER, command.userName())
                .filter(command.userId()::equals)
                .isPresent();
        if (!userExists) {
            throw IamException.noSuchEntity("The user with name " + command.userName() + " cannot be found.");
        }
        if (user != null) {
            throw IamException.alreadyExists(user.id().equals(command.userId())
                    ? "MFA device " + serialNumber + " is already enabled for user " + command.userName() + "."
                    : "MFA device " + serialNumber + " is already in use.");
        }
        if (registry.mfaDeviceCount(accountId, command.userId()) >= MAX_DEVICES_PER_USER) {
            throw IamException.limitExceeded("Cannot exceed quota for MFADevicesInUsePerUser: "
                    + MAX_DEVICES_PER_USER);
        }
        registry.assignMfaDevice(accountId, deviceId, command.userId());
        apply(new MfaDeviceEnabledEvent(accountId, deviceId, serialNumber, IdentityRef.user(command.userId(),
                command.userName()), command.occurredAt()));
    }

    @CommandHandler
    void handle(DeactivateMfaDeviceCommand command, EntityRegistry registry) {
        checkAddressed(command);
        Optional<String> named = command.userName();
        if (user == null || named.isPresent() && !registry.find(accountId, EntityKind.USER, named.get())
                .filter(user.id()::equals).isPresent()) {
            throw IamException.noSuchEntity("MFA Device with serial number " + command.serialNumber()
                    + (named.map(name -> " is not enabled for user " + name + ".").orElse(" is not enabled.")));
        }
        registry.unassignMfaDevice(accountId, deviceId);
        apply(new MfaDeviceDeactivatedEvent(accountId, deviceId, serialNumber, user, command.occurredAt()));
    }

    @CommandHandler
    void handle(DeleteVirtualMfaDeviceCommand command, EntityRegistry registry) {
        checkAddressed(command);
        if (user != null) {
            throw IamException.deleteConflict("MFA device " + serialNumber + " is in use: deactivate it first.");
        }
        registry.release(accountId, EntityKind.MFA_DEVICE, serialNumber);
        apply(new VirtualMfaDeviceDeletedEvent(accountId, deviceId, serialNumber, command.occurredAt()));
    }

    private void checkAddressed(MfaDeviceCommand command) {
        if (!accountId.equals(command.accountId()) || !serialNumber.equalsIgnoreCase(command.serialNumber())) {
            throw IamException.noSuchEntity(command.noSuchEntityMessage());
        }
    }

    @EventSourcingHandler
    void on(VirtualMfaDeviceCreatedEvent event) {
        deviceId = event.deviceId();
        accountId = event.accountId();
        serialNumber = event.serialNumber();
    }

    @EventSourcingHandler
    void on(MfaDeviceEnabledEvent event) {
        user = event.user();
    }

    @EventSourcingHandler
    void on(MfaDeviceDeactivatedEvent event) {
        user = null;
    }

    @EventSourcingHandler
    void on(VirtualMfaDeviceDeletedEvent event) {
        markDeleted();
    }
}
