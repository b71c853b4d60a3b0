/** {@code cfn analytics}: effectiveness, velocity, bottlenecks, approvals and usage reports over the registry and the usage log. */
package dev.cfn.skills.analytics;
