/**
 * The built-in, read-only catalog of AWS managed policies ({@code arn:aws:iam::aws:policy/...}) with the
 * documents AWS publishes, looked up through {@link io.iamledger.query.awsmanaged.AwsManagedPolicies}.
 */
package io.iamledger.query.awsmanaged;
