/**
 * JSON: cfn's one databind mapper ({@link dev.cfn.json.Json#mapper()}, created on first use), and
 * for start-up paths JSON without databind: a small reader that keeps numbers as text, and writing
 * through jackson-core.
 */
package dev.cfn.json;
