/**
 * Virtual MFA devices: one aggregate per device, created unassigned, enabled for one user at a time (at most
 * {@value io.iamledger.command.mfa.VirtualMfaDeviceAggregate#MAX_DEVICES_PER_USER} per user), deactivated, deleted.
 * Codes are checked at the edge, which holds the sealed seeds; a command here means they were right.
 */
package io.iamledger.command.mfa;
