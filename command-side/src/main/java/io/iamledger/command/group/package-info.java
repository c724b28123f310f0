/** The group aggregate and its commands: a group's name and path and its managed and inline policies. */
package io.iamledger.command.group;
