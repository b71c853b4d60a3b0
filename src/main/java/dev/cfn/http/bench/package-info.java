/**
 * {@code cfn serve bench}: the API's latency under a fixed request rate, measured from a second
 * process (this one) against a real {@code cfn serve} child on a seeded home.
 */
package dev.cfn.http.bench;
