/** {@code cfn db}: check, vacuum, analyze, stats, migrate to PostgreSQL, update benchmark. */
package dev.cfn.cli.db;
