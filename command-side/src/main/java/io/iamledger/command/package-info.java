/**
 * The write side: one Axon aggregate per sub-package with its commands, plus what they share. Commands addressed
 * to an entity that must exist implement {@link io.iamledger.command.EntityCommand}; register
 * {@link io.iamledger.command.NoSuchEntityInterceptor} on the command bus so that such a command reaching a
 * deleted or unknown aggregate fails as AWS fails, with NoSuchEntity.
 */
package io.iamledger.command;
