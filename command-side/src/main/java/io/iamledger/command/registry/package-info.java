/** The command side's consistent lookup table for rules that span aggregates (names, memberships, attachments). */
package io.iamledger.command.registry;
