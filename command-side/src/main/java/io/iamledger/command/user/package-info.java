/**
 * The user aggregate and its commands: a user's name and path, group memberships, managed and inline policies,
 * permissions boundary, tags and access keys.
 */
package io.iamledger.command.user;
