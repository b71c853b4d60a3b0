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
        System.exit(CfnCommand.run(args, System.getenv()));
    }
}
