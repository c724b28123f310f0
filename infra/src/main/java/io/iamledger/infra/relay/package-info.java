/** The relay from the PostgreSQL event store to Kafka topic iam.events. */
package io.iamledger.infra.relay;
