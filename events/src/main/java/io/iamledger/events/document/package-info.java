/**
 * The AWS IAM policy language: a read-only model of policy documents, and the reader that parses and validates
 * them as AWS does.
 */
package io.iamledger.events.document;
