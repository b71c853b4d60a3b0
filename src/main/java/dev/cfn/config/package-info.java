/**
 * Settings records and how they are resolved: command-line flags, then {@code CFN_*} environment
 * variables, then {@code <home>/config}, then defaults.
 */
package dev.cfn.config;
