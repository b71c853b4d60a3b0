package dev.cfn.bench;

import java.lang.management.ManagementFactory;

/** Which JIT compilers this JVM uses: benchmark figures depend on it, so reports name it. */
public final class JitMode {
    private JitMode() {}

    /** Whether only C1 compiles ({@code -XX:TieredStopAtLevel} below 4; the last one given counts). */
    public static boolean c1Only() {
        String level = null;
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:TieredStopAtLevel=")) {
                level = arg.substring("-XX:TieredStopAtLevel=".length());
            }
        }
        return level != null && !level.equals("4");
    }

    public static String describe() {
        return c1Only() ? "C1 JIT only" : "tiered JIT (C2)";
    }
}
