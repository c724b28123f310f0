/**
 * Events of instance profiles: created, deleted, and the one role each may hold added or removed. An instance
 * profile grants nothing by itself; it is how a role is handed to a machine.
 */
package io.iamledger.events.instanceprofile;
