package dev.cfn.http.bench;

/**
 * The server a load is sent to, and the token it asks for ({@code <home>/api-token}).
 *
 * @param token sent as {@code Authorization: Bearer}; null for none
 */
record Target(String host, int port, String token) {}
