/**
 * The events' JSON: one stable wire name and schema version per event type, as they are stored, relayed and
 * replayed.
 */
package io.iamledger.events.codec;
