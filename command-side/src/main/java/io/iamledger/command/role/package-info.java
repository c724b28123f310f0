/**
 * The role aggregate and its commands: a role's name and path, trust policy, description and maximum session
 * duration, managed and inline policies, permissions boundary and tags.
 */
package io.iamledger.command.role;
