/**
 * Git repositories, worked through the {@code git} command line: whether a folder is a repository,
 * its HEAD, status, diffs; the loop's change tracking, worktrees and bundles build on {@link
 * dev.cfn.git.Git}. Nothing else in cfn starts {@code git}.
 */
package dev.cfn.git;
