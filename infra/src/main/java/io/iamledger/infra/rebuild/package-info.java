/**
 * Replaying the event store, into fresh read-model tables and into memory, and proving the results equal to the
 * live temporal read model.
 */
package io.iamledger.infra.rebuild;
