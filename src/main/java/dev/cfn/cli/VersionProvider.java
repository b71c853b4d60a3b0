package dev.cfn.cli;

import picocli.CommandLine;

/** {@code cfn --version}: the program's version and the JDK running it. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CfnCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "cfn " + (version == null ? "dev" : version),
            "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
