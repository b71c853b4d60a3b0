package dev.cfn.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Agent definitions and their shell scripts for loop tests, written to a temporary folder. Every
 * script first appends a line to {@code calls/<type>} (how often it ran) and saves its stdin to
 * {@code stdin/<agent id>.json} (what it was given), then runs its body.
 */
public final class TestAgents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public TestAgents(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("calls"));
            Files.createDirectories(dir.resolve("stdin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder to pass as {@code --agents-dir}. */
    public Path dir() {
        return dir;
    }

    /** An agent of {@code role} whose script runs {@code body} (sh) after recording its call and input. */
    public TestAgents agent(String name, String role, String body) {
        return agent(name, role, "20s", body);
    }

    /** As {@link #agent(String, String, String)} with a timeout such as {@code 1s}. */
    public TestAgents agent(String name, String role, String timeout, String body) {
        String script = "#!/bin/sh\n"
                + "echo run >> '" + dir.resolve("calls").resolve(name) + "'\n"
                + "cat > '" + dir.resolve("stdin") + "/'\"$CFN_AGENT_ID\".json\n"
                + body + "\n";
        String definition = "---\nname: " + name + "\ndescription: test agent " + name + "\nrole: " + role
                + "\ncommand: ./" + name + ".sh\ntimeout: " + timeout + "\n---\nDo what the script says.\n";
        try {
            Path file = dir.resolve(name + ".sh");
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve(name + ".md"), definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds front-matter lines ({@code key: value}, YAML) to an agent defined before. */
    public TestAgents frontMatter(String name, String yaml) {
        Path md = dir.resolve(name + ".md");
        try {
            String text = Files.readString(md);
            int end = text.indexOf("\n---\n", 4);
            Files.writeString(md, text.substring(0, end + 1) + yaml.strip() + "\n" + text.substring(end + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A body that prints one JSON answer line. */
    public static String answer(String json) {
        return "echo '" + json + "'";
    }

    /** The file each run of the agent type appends a line to. */
    public Path callsFile(String name) {
        return dir.resolve("calls").resolve(name);
    }

    /** How many times the agent type ran. */
    public int calls(String name) {
        Path file = dir.resolve("calls").resolve(name);
        try {
            return Files.exists(file) ? (int) Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stdin document one agent run received. */
    public JsonNode stdin(String agentId) {
        try {
            return JSON.readTree(dir.resolve("stdin").resolve(agentId + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feedback messages one agent run received, as {@code SEVERITY message}. */
    public List<String> feedbackSeen(String agentId) {
        List<String> out = new java.util.ArrayList<>();
        stdin(agentId)
                .get("feedback")
                .forEach(f -> out.add(
                        f.get("severity").asText() + " " + f.get("message").asText()));
        return out;
    }
}
