package dev.cfn.cli;

import dev.cfn.store.SqliteNativeLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cfn --version}: the program's version, the JDK running it, and whether the two start-up
 * caches are in use: the JDK's AOT cache (which {@code bin/cfn} passes in as {@value #AOT_CACHE}, or
 * why not as {@value #AOT_STATUS}) and sqlite-jdbc's extracted native library.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
    /** Set by bin/cfn to the AOT cache it passed to the JVM. */
    static final String AOT_CACHE = "cfn.aot.cache";
    /** Set by bin/cfn when it passed no AOT cache: the reason. */
    static final String AOT_STATUS = "cfn.aot.status";

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        String version = CfnCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "cfn " + (version == null ? "dev" : version),
            "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vm.vendor") + ") at " + System.getProperty("java.home"),
            "AOT cache: " + aotCache(),
            "SQLite native library: " + nativeLibrary()
        };
    }

    static String aotCache() {
        return aotCache(
                System.getProperty(AOT_CACHE), System.getProperty(AOT_STATUS), System.getProperty("java.vm.info", ""));
    }

    /**
     * @param cache the cache bin/cfn passed, or null
     * @param status why bin/cfn passed none, or null
     * @param vmInfo {@code java.vm.info}: it says "sharing" only when the JVM mapped an archive, and
     *     a JVM that rejects the AOT cache it was given runs with no archive at all
     */
    static String aotCache(String cache, String status, String vmInfo) {
        if (cache != null) {
            return vmInfo.contains("sharing")
                    ? "in use (" + cache + ")"
                    : "not in use: the JVM rejected " + cache + " (see why with CFN_JAVA_OPTS=-Xlog:aot)";
        }
        return "not in use: " + (status != null ? status : "start cfn through bin/cfn to create and use one");
    }

    private String nativeLibrary() {
        Map<String, String> env = System.getenv();
        Path home = Path.of(env.getOrDefault("CFN_HOME", ".cfn"));
        if (spec != null && spec.root().userObject() instanceof CfnCommand root) {
            env = root.context().env();
            try {
                home = root.context().settings().home();
            } catch (RuntimeException e) {
                // a malformed config must not hide the version; the default home is good enough here
            }
        }
        List<Path> roots = SqliteNativeLibrary.roots(env, home);
        return describe(SqliteNativeLibrary.install(roots), roots);
    }

    private static String describe(SqliteNativeLibrary.Source source, List<Path> roots) {
        String file = System.getProperty(SqliteNativeLibrary.PATH_PROPERTY) + "/"
                + System.getProperty(SqliteNativeLibrary.NAME_PROPERTY);
        return switch (source) {
            case REUSED -> "cached, in use (" + file + ")";
            case EXTRACTED -> "cached just now, in use (" + file + ")";
            case DRIVER ->
                System.getProperty(SqliteNativeLibrary.PATH_PROPERTY) != null
                        ? "set by -D" + SqliteNativeLibrary.PATH_PROPERTY + " (" + file + ")"
                        : "not cached: no writable folder among " + roots + "; the driver extracts it on every start";
        };
    }
}
