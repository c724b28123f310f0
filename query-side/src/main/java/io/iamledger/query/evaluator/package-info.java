/**
 * The policy evaluator: compiles validated policy documents into matchers ({@link io.iamledger.query.evaluator.CompiledPolicy},
 * {@link io.iamledger.query.evaluator.CompiledPrincipalPolicies}) and decides typed requests
 * ({@link io.iamledger.query.evaluator.AuthorizationRequest}) with AWS's evaluation logic
 * ({@link io.iamledger.query.evaluator.PolicyEvaluator}), answering with a decision that explains itself
 * ({@link io.iamledger.query.evaluator.Evaluation}). Plain Java: no framework, no I/O.
 */
package io.iamledger.query.evaluator;
