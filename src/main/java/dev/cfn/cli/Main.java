package dev.cfn.cli;

import dev.cfn.store.SqliteWarmUp;
import java.nio.file.Path;
import java.util.List;

/** The {@code cfn} program's entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String training = System.getProperty(AotTraining.PROPERTY);
        if (training != null) {
            String skills = System.getProperty(AotTraining.SKILLS_PROPERTY);
            AotTraining.Mix mix = AotTraining.Mix.named(System.getProperty(AotTraining.MIX_PROPERTY));
            System.exit(
                    AotTraining.run(Path.of(training), skills == null ? null : Path.of(skills), System.getenv(), mix));
        }
        String setUp = System.getProperty(AotTraining.SET_UP_PROPERTY);
        if (setUp != null) {
            String skills = System.getProperty(AotTraining.SKILLS_PROPERTY);
            System.exit(AotTraining.setUpHere(Path.of(setUp), Path.of(skills), System.getenv()));
        }
        if (mayOpenADatabase(args)) {
            SqliteWarmUp.start();
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

    /**
     * False for the command lines that surely open no database (help, no command, completion), so
     * they spend no CPU on warming SQLite up; true for everything else, which mostly does.
     */
    static boolean mayOpenADatabase(String[] args) {
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                return false;
            }
        }
        List<String> words = CommandTree.commandWords(args);
        return !words.isEmpty() && !words.get(0).equals("help") && !words.get(0).equals("completion");
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
