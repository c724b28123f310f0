/**
 * Authorization of every IAM call by the policy evaluator, and the IAM policy simulator: the table of which IAM
 * action and resource each call needs ({@code IamActionTable}), the authorization index of compiled policies per
 * principal kept current with the read model ({@link io.iamledger.infra.authz.AuthorizationIndex}), the decision
 * with AWS's AccessDenied wording ({@link io.iamledger.infra.authz.Authorizer}), and
 * {@code SimulatePrincipalPolicy}/{@code SimulateCustomPolicy} with {@code GetContextKeysForPrincipalPolicy}/
 * {@code GetContextKeysForCustomPolicy} ({@link io.iamledger.infra.authz.PolicySimulator}).
 */
package io.iamledger.infra.authz;
