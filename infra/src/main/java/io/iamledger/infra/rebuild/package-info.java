/** Replaying the event store into fresh read-model tables and proving them equal to the live ones. */
package io.iamledger.infra.rebuild;
