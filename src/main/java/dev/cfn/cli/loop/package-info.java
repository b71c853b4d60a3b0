/** {@code cfn loop}: run, resume, list, show and the loop benchmark. */
package dev.cfn.cli.loop;
