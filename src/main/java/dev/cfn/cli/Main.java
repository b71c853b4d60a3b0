package dev.cfn.cli;

import java.nio.file.Path;

/** The {@code cfn} program's entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String training = System.getProperty(AotTraining.PROPERTY);
        if (training != null) {
            String skills = System.getProperty(AotTraining.SKILLS_PROPERTY);
            System.exit(AotTraining.run(Path.of(training), skills == null ? null : Path.of(skills), System.getenv()));
        }
        int code = CfnCommand.run(args, System.getenv());
        if (code == 0 && onlyDaemonThreadsLeft()) {
            // Returning ends the JVM with status 0, shutdown hooks included, like System.exit(0)
            // does; but System.exit first looks up a System.Logger to log the exit, and that lookup
            // scans every jar of the class path for a logging service (~12 ms of a one-shot command).
            return;
        }
        System.exit(code);
    }

    /** Whether no other live platform thread would keep the JVM running after main returns. */
    static boolean onlyDaemonThreadsLeft() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        if (count == threads.length) {
            return false; // more threads than expected: do not guess
        }
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread != Thread.currentThread() && thread.isAlive() && !thread.isDaemon()) {
                return false;
            }
        }
        return true;
    }
}
