/**
 * Caches: adaptive sizing from memory, and the query-result cache of the analytics reports (in
 * process; on Redis when configured). Entries are keyed on the change epochs of the tables they
 * read, so a write by any process invalidates them.
 */
package dev.cfn.cache;
