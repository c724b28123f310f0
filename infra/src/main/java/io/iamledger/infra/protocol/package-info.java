/**
 * The awsQuery wire protocol of IAM (2010-05-08) and STS (2011-06-15): form-encoded requests in, XML responses and
 * error responses out, as plain Java that the HTTP layer feeds with raw request parts.
 * {@link io.iamledger.infra.protocol.QueryRequest} and {@link io.iamledger.infra.protocol.XmlResponseWriter} are
 * the entry points.
 */
package io.iamledger.infra.protocol;
