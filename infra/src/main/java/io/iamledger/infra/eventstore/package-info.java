/** The PostgreSQL event store: Axon's JDBC engine with global sequence numbers drawn in commit order. */
package io.iamledger.infra.eventstore;
