package dev.cfn.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "init",
        description = "Create the home folder and its database (idempotent: an existing one is kept and migrated).",
        footer = {"", "Example: cfn init --home /tmp/demo/.cfn"})
public final class InitCommand extends CfnSubcommand {
    @Override
    protected void execute() {
        var db = ctx().database();
        java.nio.file.Path logs = ctx().settings().logDir();
        try {
            java.nio.file.Files.createDirectories(logs);
        } catch (java.io.IOException e) {
            throw new dev.cfn.RetriableException("cannot create " + logs + ": " + e.getMessage(), e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("home", ctx().settings().home().toAbsolutePath().toString());
        result.put("database", db.describe());
        result.put("dialect", db.dialect().name().toLowerCase(java.util.Locale.ROOT));
        out().print(
                        result,
                        () -> out().line("initialised " + result.get("home") + " (database " + db.describe() + ")"));
    }
}
