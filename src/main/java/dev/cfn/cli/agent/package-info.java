/**
 * {@code cfn agent ...}: list and show agent definitions (with the resource limits this machine
 * enforces), run one agent under the agent protocol, and benchmark the agent runtime.
 */
package dev.cfn.cli.agent;
