/** Instance profiles: one aggregate each, holding at most one role. */
package io.iamledger.command.instanceprofile;
