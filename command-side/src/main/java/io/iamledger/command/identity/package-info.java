/**
 * Rules that users, groups, roles and the root share — tags, inline policies, managed policy attachments, access
 * keys — with AWS's limits and messages. Public only so that the aggregate packages can share them.
 */
package io.iamledger.command.identity;
