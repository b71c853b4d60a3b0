/**
 * cfn orchestrates multi-agent AI workflows with the CFN Loop. This package holds only the
 * exception family shared by every domain package; see DESIGN.md for the package map.
 */
package dev.cfn;
