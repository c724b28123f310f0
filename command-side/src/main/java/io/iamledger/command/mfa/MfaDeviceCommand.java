package io.iamledger.command.mfa;

import io.iamledger.command.EntityCommand;

/** A command addressed to an existing virtual MFA device, named by its serial number (its ARN). */
public interface MfaDeviceCommand extends EntityCommand {

    String accountId();

    String serialNumber();

    @Override
    default String noSuchEntityMessage() {
        return VirtualMfaDeviceAggregate.noSuchDevice(serialNumber());
    }
}
