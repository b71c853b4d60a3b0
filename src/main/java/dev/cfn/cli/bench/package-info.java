/** The benchmark commands: {@code cfn bench}, {@code cfn serve bench}, {@code cfn serve bench-metrics} and {@code cfn loadtest}. */
package dev.cfn.cli.bench;
