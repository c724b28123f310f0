/**
 * The AWS wire API: the awsQuery endpoint for IAM and STS and CloudTrail's awsJson calls, each action's handler,
 * and the command sending, recording and rendering around them.
 */
package io.iamledger.infra.api;
