package dev.cfn.mcp;

import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.agents.mcp.McpTools;
import dev.cfn.agents.mcp.SkillsForAgentTool;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.session.LoopRequest;
import dev.cfn.loop.session.RunJson;
import dev.cfn.skills.ProposeResult;
import dev.cfn.skills.Skill;
import dev.cfn.skills.SkillJson;
import dev.cfn.skills.SkillOrigin;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.SkillVersion;
import dev.cfn.skills.file.SemVer;
import dev.cfn.skills.file.SkillFile;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * cfn as an MCP server ({@code cfn mcp}): the registry's and the loop's commands as tools, each
 * calling what the CLI command calls and answering its {@code --json} document, with each
 * deployed skill as a resource {@code skill://NAME/VERSION} (its SKILL.md). A failure is an MCP tool
 * error holding the CLI's one-line message. Not {@code report_result}: that is for the agents cfn
 * runs, on the orchestrator's own endpoint ({@code agents.mcp}).
 */
public final class CfnMcpServer {
    /** The tools, in the order they are listed. */
    public static final List<String> TOOLS = List.of(
            SkillsForAgentTool.NAME,
            "skill_show",
            "skill_search",
            "skill_propose",
            "loop_start",
            "loop_status",
            "loop_list");

    static final Path CONTENT = Path.of("content");
    private final McpServices services;

    public CfnMcpServer(McpServices services) {
        this.services = services;
    }

    /**
     * Serves on stdio: JSON-RPC lines read from {@code in}, written to {@code out} (the process's own
     * stdout, which nothing else may write to). Close the returned server to stop.
     */
    public AutoCloseable startStdio(java.io.InputStream in, java.io.OutputStream out, String version) {
        McpSyncServer server = start(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, out), version);
        return server::closeGracefully;
    }

    /**
     * The same tools and resources over Streamable HTTP, stateless (each POST answered on its own:
     * no session, no stream held open), as a servlet for {@code cfn serve} to mount at {@link
     * #HTTP_PATH} behind its own protections (token, Host and Origin checks). Close the returned
     * endpoint to stop it.
     */
    public HttpEndpoint http(String version) {
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .messageEndpoint(HTTP_PATH)
                .build();
        List<McpStatelessServerFeatures.SyncToolSpecification> tools = tools().stream()
                .map(t -> new McpStatelessServerFeatures.SyncToolSpecification(
                        t.tool(), (context, request) -> t.callHandler().apply(null, request)))
                .toList();
        List<McpStatelessServerFeatures.SyncResourceSpecification> resources = resources().stream()
                .map(r -> new McpStatelessServerFeatures.SyncResourceSpecification(
                        r.resource(), (context, request) -> r.readHandler().apply(null, request)))
                .toList();
        McpStatelessSyncServer server = McpServer.sync(transport)
                .serverInfo("cfn", version)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                .validateToolInputs(false)
                .jsonSchemaValidator(McpTools.CHECKED_BY_HANDLERS)
                .tools(tools)
                .resources(resources)
                .build();
        return new HttpEndpoint(transport, server::close);
    }

    /** Where {@code cfn serve} mounts {@link #http}. */
    public static final String HTTP_PATH = "/mcp";

    /** A servlet serving MCP, and how to stop it. */
    public record HttpEndpoint(jakarta.servlet.http.HttpServlet servlet, Runnable stop) {}

    /** Builds the server on {@code transport} (it starts serving at once). */
    public McpSyncServer start(McpServerTransportProvider transport, String version) {
        return McpServer.sync(transport)
                .jsonMapper(McpJsonDefaults.getMapper())
                .serverInfo("cfn", version)
                .instructions("cfn: a skill registry and the CFN Loop. Tools mirror the cfn CLI (cfn skill load/show/"
                        + "propose, cfn loop run/show/list); their results are the CLI's --json documents.")
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                // the handlers check their arguments, with the CLI's kind of message naming the field
                .validateToolInputs(false)
                .jsonSchemaValidator(McpTools.CHECKED_BY_HANDLERS)
                .tools(tools())
                .resources(resources())
                .build();
    }

    List<SyncToolSpecification> tools() {
        SkillRegistry registry = services.registry();
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(SkillsForAgentTool.of(services.loader()));
        tools.add(McpTools.tool(
                "skill_show",
                "A skill version's content and state, as cfn skill show --json (default: the deployed version, else"
                        + " the latest).",
                McpTools.schema(
                        List.of("name"),
                        "name",
                        McpTools.property("string", "Skill name."),
                        "version",
                        McpTools.property("string", "A version such as 1.2.0.")),
                (exchange, args) -> {
                    args.only(Set.of("name", "version"));
                    String name = args.requiredText("name");
                    String version = args.text("version");
                    SkillVersion v = registry.version(name, version == null ? null : SemVer.parse(version));
                    Map<String, Object> doc = SkillJson.version(v, true);
                    doc.put("skill_status", registry.skill(name).status().label());
                    doc.put(
                            "mappings",
                            registry.mappings(name).stream()
                                    .map(SkillJson::mapping)
                                    .toList());
                    return doc;
                }));
        tools.add(McpTools.tool(
                "skill_search",
                "Skills whose name, description or tags contain every word of the query (any case), as cfn skill"
                        + " list --json rows with the latest version's description and tags.",
                McpTools.schema(List.of("query"), "query", McpTools.property("string", "Words to look for.")),
                (exchange, args) -> {
                    args.only(Set.of("query"));
                    return search(args.requiredText("query"));
                }));
        tools.add(McpTools.tool(
                "skill_propose",
                "Propose a new skill, or a new version of one, from SKILL.md text: it waits for review (cfn skill"
                        + " pending), whatever its category, and is never deployed by this tool.",
                McpTools.schema(List.of("content"), "content", McpTools.property("string", "The SKILL.md text.")),
                (exchange, args) -> {
                    args.only(Set.of("content"));
                    String content = args.requiredText("content");
                    SkillFile file = registry.parser().parse(CONTENT, content.getBytes(StandardCharsets.UTF_8), null);
                    ProposeResult result = registry.proposePending(file, SkillOrigin.mcp());
                    Map<String, Object> doc = SkillJson.proposed(result);
                    doc.put("warnings", file.warnings());
                    return doc;
                }));
        tools.add(McpTools.tool(
                "loop_start",
                "Start a CFN Loop in this server (as POST /api/loops; cfn loop run's options in snake_case) and"
                        + " return its run id at once; follow it with loop_status.",
                loopSchema(),
                (exchange, args) -> {
                    args.only(LoopRequest.FIELDS);
                    String runId = services.loops().apply(LoopRequest.of(args), args.text("reflect"));
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("run_id", runId);
                    doc.put("status", "running");
                    return doc;
                }));
        tools.add(McpTools.tool(
                "loop_status",
                "A run's status, iterations and agent results, as cfn loop show --json.",
                McpTools.schema(List.of("run_id"), "run_id", McpTools.property("string", "The run id.")),
                (exchange, args) -> {
                    args.only(Set.of("run_id"));
                    String id = args.requiredText("run_id");
                    RunRecord run = services.runs()
                            .run(id)
                            .orElseThrow(() -> new NotFoundException("run '" + id + "' does not exist"));
                    return RunJson.details(
                            services.runs(), run, services.clock().millis());
                }));
        tools.add(McpTools.tool(
                "loop_list",
                "Recent runs, newest first, as cfn loop list --json.",
                McpTools.schema(List.of(), "limit", McpTools.property("integer", "How many (1 to 10000, default 20).")),
                (exchange, args) -> {
                    args.only(Set.of("limit"));
                    Integer limit = args.integer("limit");
                    int n = limit == null ? 20 : limit;
                    if (n < 1 || n > 10_000) {
                        throw new InvalidInputException("loop_list: limit must be 1 to 10000, but was " + n);
                    }
                    return Map.of("runs", RunJson.recent(services.runs(), n));
                }));
        return tools;
    }

    private Map<String, Object> search(String query) {
        List<String> words = List.of(query.toLowerCase(Locale.ROOT).strip().split("\\s+"));
        List<Map<String, Object>> found = new ArrayList<>();
        for (Skill s : services.registry().list(null, null, false)) {
            SkillFile latest = latest(s);
            String description = latest == null ? "" : latest.description();
            List<String> tags =
                    latest == null ? List.of() : tags(latest.frontMatter().get("tags"));
            String haystack = (s.name() + " " + description + " " + String.join(" ", tags)).toLowerCase(Locale.ROOT);
            if (words.stream().allMatch(haystack::contains)) {
                Map<String, Object> row = SkillJson.skill(s);
                row.put("description", description);
                row.put("tags", tags);
                found.add(row);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("query", query);
        doc.put("skills", found);
        return doc;
    }

    private SkillFile latest(Skill s) {
        if (s.latestVersion() == null) {
            return null;
        }
        SkillVersion v = services.registry().version(s.name(), SemVer.parse(s.latestVersion()));
        try {
            return services.registry().parser().parse(CONTENT, v.content().getBytes(StandardCharsets.UTF_8), null);
        } catch (RuntimeException e) {
            return null; // stored before a stricter rule: searchable by name only
        }
    }

    private static List<String> tags(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(value.toString().split("\\s*,\\s*"));
    }

    private static Map<String, Object> loopSchema() {
        return McpTools.schema(
                List.of("task", "workdir"),
                "task",
                McpTools.property("string", "What the loop should achieve."),
                "workdir",
                McpTools.property("string", "The folder the agents work in (absolute)."),
                "mode",
                McpTools.property("string", "mvp, standard or enterprise (default standard)."),
                "loop3",
                McpTools.strings("Implementer agent types (default: every implementer of the agents folder)."),
                "loop2",
                McpTools.strings("Validator agent types (default: every validator)."),
                "product_owner",
                McpTools.property("string", "The product-owner agent type."),
                "max_iterations",
                McpTools.property("integer", "Iterations at most."),
                "gate",
                McpTools.property("number", "Implementers' confidence gate, 0 to 1."),
                "consensus",
                McpTools.property("number", "Validators' consensus threshold, 0 to 1."),
                "quorum",
                McpTools.property("number", "Share of validators that must answer, 0 to 1."),
                "expected_files",
                McpTools.strings("Files the implementers must deliver."),
                "agents_dir",
                McpTools.property("string", "Agent definitions (default <workdir>/.claude/agents)."),
                "parallel",
                McpTools.property("integer", "Agents running at once."),
                "max_cost_usd",
                McpTools.property("number", "Budget: US dollars at most."),
                "max_tokens",
                McpTools.property("integer", "Budget: tokens at most."),
                "max_duration",
                McpTools.property("string", "Budget: wall time at most, such as 30m."),
                "criteria",
                McpTools.strings("Acceptance criteria, given to every agent and the product owner."),
                "keywords",
                McpTools.strings("Skill keywords matched against mappings' conditions, besides the task's words."),
                "hooks",
                McpTools.property("boolean", "Run the definitions' lifecycle and validation hooks (default false)."),
                "allow_unchanged",
                McpTools.property(
                        "boolean", "Do not fail an iteration whose implementers changed nothing (analysis tasks)."),
                "isolation",
                McpTools.property("string", "none, or worktree (each implementer in its own git worktree)."),
                "reflect",
                McpTools.property("string", "Loop 5: a reflector agent that may propose skills after a PROCEED."));
    }

    /** Each deployed skill's deployed version as {@code skill://NAME/VERSION}, read when asked for. */
    List<SyncResourceSpecification> resources() {
        List<SyncResourceSpecification> out = new ArrayList<>();
        for (Skill s : services.registry().list(null, null, false)) {
            if (s.deployedVersion() == null) {
                continue;
            }
            String uri = "skill://" + s.name() + "/" + s.deployedVersion();
            McpSchema.Resource resource = McpSchema.Resource.builder()
                    .uri(uri)
                    .name(s.name())
                    .title(s.name() + " " + s.deployedVersion())
                    .description("SKILL.md of " + s.name() + " " + s.deployedVersion() + " ("
                            + s.category().label() + ")")
                    .mimeType("text/markdown")
                    .build();
            String name = s.name();
            SemVer version = SemVer.parse(s.deployedVersion());
            out.add(new SyncResourceSpecification(resource, (exchange, request) -> {
                SkillVersion v = services.registry().version(name, version);
                return new McpSchema.ReadResourceResult(
                        List.of(new McpSchema.TextResourceContents(uri, "text/markdown", v.content())));
            }));
        }
        return out;
    }
}
