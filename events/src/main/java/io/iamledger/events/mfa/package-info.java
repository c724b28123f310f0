/**
 * Events of virtual MFA devices: created, enabled for a user, deactivated, deleted. None carries the device's seed
 * or a code; the seed lives sealed outside the log.
 */
package io.iamledger.events.mfa;
