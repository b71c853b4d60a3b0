/**
 * Storage: the database per dialect (SQLite embedded, PostgreSQL at scale) with its PRAGMAs,
 * versioned migrations, transactions, change epochs for cache invalidation, the dual usage log,
 * and maintenance.
 */
package dev.cfn.store;
