/**
 * {@code cfn serve}: the HTTP API (JSON), the dashboard page and {@code /metrics}, on Javalin.
 * Binds to loopback by default; any other address requires a bearer token. Errors map to HTTP
 * status codes in one place, as the CLI maps them to exit codes.
 */
package dev.cfn.http;
