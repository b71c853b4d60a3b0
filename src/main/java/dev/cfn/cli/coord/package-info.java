/** {@code cfn coord}: signal, wait, ping, stats, cleanup and the coordination benchmark. */
package dev.cfn.cli.coord;
