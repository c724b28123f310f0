/**
 * AWS's name, path, description and tag constraints (reference §5.1), checked with the ValidationError messages
 * AWS sends, for the aggregates and for the edge's lookups alike.
 */
package io.iamledger.command.validation;
