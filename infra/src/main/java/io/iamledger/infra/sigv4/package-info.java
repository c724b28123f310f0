/**
 * Server-side verification of AWS Signature Version 4 (header and presigned query forms): from the raw parts of
 * an HTTP request to the caller's access key and principal, or to the AWS error a real endpoint would answer with.
 * Plain Java, no web framework; {@link io.iamledger.infra.sigv4.SigV4Verifier} is the entry point.
 */
package io.iamledger.infra.sigv4;
