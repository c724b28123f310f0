/** The relays from PostgreSQL to Kafka: the event store to topic iam.events, the audit trail to iam.audit. */
package io.iamledger.infra.relay;
