/** The executable jar: its command line, whose subcommands start the server or work on its data directory. */
package io.iamledger.infra;
