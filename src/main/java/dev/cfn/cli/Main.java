package dev.cfn.cli;

/** The {@code cfn} program's entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(CfnCommand.run(args, System.getenv()));
    }
}
