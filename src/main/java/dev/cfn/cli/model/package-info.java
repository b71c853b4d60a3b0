/** The picocli command model written to JSON at build time and read at start-up instead of annotations. */
package dev.cfn.cli.model;
