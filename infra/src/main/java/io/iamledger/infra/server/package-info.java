/**
 * The running server: Spring and Axon wiring, the schema, the embedded or configured stores, and its start and
 * stop.
 */
package io.iamledger.infra.server;
