package dev.cfn.cli.loop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Agent processes found by the marker cfn puts in their environment ({@code CFN_AGENT_RUN=<cfn pid>-...}). */
final class AgentProcesses {
    private AgentProcesses() {}

    /** Live processes started (directly or not) as agents by the cfn process {@code cfnPid}. */
    static List<ProcessHandle> of(long cfnPid) {
        String marker = "CFN_AGENT_RUN=" + cfnPid + "-";
        return ProcessHandle.allProcesses()
                .filter(p -> environ(p.pid()).contains("\0" + marker))
                .toList();
    }

    /** Kills what {@link #of} finds (test cleanup). */
    static void kill(long cfnPid) {
        of(cfnPid).forEach(ProcessHandle::destroyForcibly);
    }

    private static String environ(long pid) {
        try {
            return "\0"
                    + new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                            StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
