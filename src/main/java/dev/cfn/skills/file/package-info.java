/**
 * The SKILL.md format: the file and its parser (front matter rules, names, categories with the
 * approval level each needs, semantic versions) and the reading of a folder tree of them for import.
 * Below the registry: it knows nothing of stored skills.
 */
package dev.cfn.skills.file;
