/**
 * The temporal read model and what keeps it up to date: the PostgreSQL schema ({@link
 * io.iamledger.query.projection.ReadModelSchema}), the {@link io.iamledger.query.projection.Projector} that turns
 * committed events into row versions, the Kafka {@link io.iamledger.query.projection.ProjectionConsumer} that feeds
 * it with offsets stored in the same transaction, and the {@link io.iamledger.query.projection.ReadModelChecksum}
 * a rebuild compares with the live schema.
 */
package io.iamledger.query.projection;
