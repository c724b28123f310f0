/** The PostgreSQL event store: Axon's JDBC engine with commit-ordered global sequence numbers. */
package io.iamledger.infra.eventstore;
