/**
 * The embedded default infrastructure: a real PostgreSQL ({@link io.iamledger.infra.embedded.LocalPostgres}) and an
 * in-process single-node Kafka broker ({@link io.iamledger.infra.embedded.LocalKafka}), both keeping their state under
 * the server's data directory so that a restart finds its events, topics and offsets again.
 *
 * <p>Plain Java on purpose: the Spring wiring calls these classes, and tools (rebuild, verify-log) can start the same
 * stores without a Spring context. Both bind to the loopback interface only.
 */
package io.iamledger.infra.embedded;
