/** The customer managed policy aggregate and its commands: a policy's versions, default version and deletion. */
package io.iamledger.command.policy;
