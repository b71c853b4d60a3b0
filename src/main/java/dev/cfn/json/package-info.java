/** JSON without databind on start-up paths: a small reader that keeps numbers as text, and compact writing through jackson-core. */
package dev.cfn.json;
