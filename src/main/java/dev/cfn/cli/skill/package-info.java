/** {@code cfn skill}: the registry lifecycle (import, propose, approve, deploy, update, ...), load and log. */
package dev.cfn.cli.skill;
