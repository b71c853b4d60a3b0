package dev.cfn.loop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Instant command agents ({@code /bin/echo} of a JSON answer), written as definition files. */
final class BenchAgents {
    static final String IMPLEMENTER = "instant-impl";
    static final String VALIDATOR = "instant-val";

    private BenchAgents() {}

    /** Writes {@value #IMPLEMENTER} and {@value #VALIDATOR} into {@code dir}; returns it. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(IMPLEMENTER + ".md"), definition(IMPLEMENTER, "implementer"));
        Files.writeString(dir.resolve(VALIDATOR + ".md"), definition(VALIDATOR, "validator"));
        return dir;
    }

    private static String definition(String name, String role) {
        return "---\nname: " + name + "\ndescription: answers at once (benchmark)\nrole: " + role
                + "\ncommand: [/bin/echo, '{\"confidence\": 1.0, \"status\": \"success\"}']\ntimeout: 30s\n---\n"
                + "Answer at once.\n";
    }
}
