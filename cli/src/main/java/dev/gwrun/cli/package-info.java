/**
 * The command line: one picocli command class per {@code gwrun} command, each reading files and options,
 * calling the interpreter's passes and rendering what they return; shared options are mixins ({@code
 * CommonOptions}). Start at {@link dev.gwrun.cli.Main}.
 */
package dev.gwrun.cli;
