/**
 * The {@code cfn} program (picocli): {@link dev.cfn.cli.Main}, global options, the one exception-to-exit-code
 * mapping, output in text or {@code --json}, and the commands that have no group. Commands are thin:
 * parse, call the domain, print, exit code. Each command group has its room below.
 */
package dev.cfn.cli;
