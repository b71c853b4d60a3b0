/**
 * The words of the CFN Loop that agents, coordination and the loop share: its {@link
 * dev.cfn.protocol.Phase phases} and the product owner's {@link dev.cfn.protocol.Decision}. The
 * vocabulary of docs/agent-protocol.md and docs/coordination-protocol.md, below every room that
 * speaks it.
 */
package dev.cfn.protocol;
