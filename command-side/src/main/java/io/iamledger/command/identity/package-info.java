/**
 * Rules that users, groups, roles and the root share — tags, inline policies, managed policy attachments, access
 * keys — with AWS's limits and messages, and the base classes through which the user, group and role aggregates
 * share the decisions and state built on them. Public only so that the aggregate packages can share them.
 */
package io.iamledger.command.identity;
