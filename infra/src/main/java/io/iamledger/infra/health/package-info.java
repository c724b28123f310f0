/** GET /health: whether the server can serve, and where its pipeline from event store to read model stands. */
package io.iamledger.infra.health;
