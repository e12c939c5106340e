/** The command line: thin picocli subcommands over the engine, with documented exit codes. */
package dev.evolve.cli;
