package dev.cfn.http;

import dev.cfn.InvalidInputException;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.SkillJson;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.SkillStatus;
import dev.cfn.skills.SkillVersion;
import dev.cfn.skills.file.ChangeType;
import dev.cfn.skills.file.SemVer;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillNames;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The skills registry over HTTP: list, show, pending approvals, load for an agent type, propose,
 * approve, reject, deploy and update, each calling the same {@link SkillRegistry} method and
 * rendering the same {@link SkillJson} shape as its {@code cfn skill} command.
 */
final class SkillRoutes {
    /** Where a SKILL.md sent in a body is said to be in error messages: {@code content:LINE: ...}. */
    static final Path CONTENT = Path.of("content");

    private final Services services;
    private final RenderedSkills rendered = new RenderedSkills();

    SkillRoutes(Services services) {
        this.services = services;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/skills", this::list);
        routes.post("/api/skills", this::propose);
        routes.get("/api/approvals/pending", this::pending);
        routes.get("/api/agents/{type}/skills", this::load);
        routes.get("/api/skills/{name}", this::show);
        routes.put("/api/skills/{name}", this::update);
        routes.post("/api/skills/{name}/approve", ctx -> decide(ctx, true));
        routes.post("/api/skills/{name}/reject", ctx -> decide(ctx, false));
        routes.post("/api/skills/{name}/deploy", this::deploy);
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        var skills = services.registry()
                .list(
                        status == null ? null : SkillStatus.parse(status),
                        ctx.queryParam("agent"),
                        "true".equals(ctx.queryParam("pending")));
        ctx.json(skills.stream().map(SkillJson::skill).toList());
    }

    private void show(Context ctx) {
        SkillRegistry registry = services.registry();
        String name = ctx.pathParam("name");
        SkillVersion v = registry.version(name, version(ctx.queryParam("version")));
        Map<String, Object> doc = SkillJson.version(v, true);
        doc.put("skill_status", registry.skill(name).status().label());
        doc.put(
                "versions",
                registry.versions(name).stream()
                        .map(x -> SkillJson.version(x, false))
                        .toList());
        doc.put(
                "mappings",
                registry.mappings(name).stream().map(SkillJson::mapping).toList());
        ctx.json(doc);
    }

    private void pending(Context ctx) {
        long now = services.clock().millis();
        ctx.json(services.registry().pending().stream()
                .map(p -> SkillJson.pending(p, now))
                .toList());
    }

    private void load(Context ctx) {
        String type = ctx.pathParam("type");
        String keywords = ctx.queryParam("keywords");
        var request = new LoadRequest(
                type,
                ctx.queryParam("phase"),
                keywords == null ? List.of() : List.of(keywords.split(",")),
                ctx.queryParam("mode"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("agent_type", type);
        doc.put(
                "skills",
                services.loader().load(request).stream().map(SkillJson::loaded).toList());
        ctx.json(doc);
    }

    private void propose(Context ctx) {
        JsonBody body = JsonBody.of(ctx, Set.of("content", "name"));
        SkillFile file = parse(body.requiredText("content"), body.text("name"));
        var results = services.registry().propose(List.of(file), null, false);
        Map<String, Object> doc = SkillJson.proposed(results.get(0));
        doc.put("warnings", file.warnings());
        ctx.status(201).json(doc);
    }

    private void update(Context ctx) {
        String name = ctx.pathParam("name");
        SkillNames.requireSkillName("skill name", name);
        JsonBody body = JsonBody.of(ctx, Set.of("content", "change", "approver"));
        SkillFile file = parse(body.requiredText("content"), name);
        String change = body.text("change");
        SkillVersion v = services.registry()
                .update(name, file, change == null ? null : ChangeType.parse(change), body.text("approver"));
        Map<String, Object> doc = SkillJson.version(v, false);
        if (v.state().awaitsDecision()) {
            // A review-level update: pending until POST .../approve, which deploys it.
            doc.put("deployed", services.registry().skill(name).deployedVersion());
            doc.put("needs", SkillRegistry.approverNeeded(v.approvalLevel()));
            ctx.status(202);
        }
        ctx.json(doc);
    }

    private void decide(Context ctx, boolean approve) {
        JsonBody body = JsonBody.of(ctx, Set.of("approver", "reason", "version"));
        String name = ctx.pathParam("name");
        SemVer version = version(body.text("version"));
        String approver = body.requiredText("approver");
        var record = approve
                ? services.registry().approve(name, version, approver, body.text("reason"))
                : services.registry().reject(name, version, approver, body.text("reason"));
        ctx.json(SkillJson.approval(record));
    }

    private void deploy(Context ctx) {
        JsonBody body =
                JsonBody.of(ctx, Set.of("version", "agents", "priority", "required", "phases", "keywords", "pin"));
        List<String> agents = body.texts("agents");
        if (agents == null) {
            throw new InvalidInputException("field 'agents' is required");
        }
        Integer priority = body.integer("priority");
        var conditions =
                new Mapping.Conditions(orEmpty(body.texts("phases")), orEmpty(body.texts("keywords")), List.of());
        var request = new DeployRequest(
                ctx.pathParam("name"),
                version(body.text("version")),
                agents,
                priority == null ? 5 : priority,
                body.flag("required"),
                conditions,
                body.flag("pin"));
        Map<String, Object> doc = SkillJson.version(services.registry().deploy(request), false);
        doc.put("agents", request.agentTypes());
        ctx.json(doc);
    }

    /** The same parser as {@code cfn skill propose}: errors read {@code content:LINE: what}. */
    private SkillFile parse(String content, String expectedName) {
        return services.registry().parser().parse(CONTENT, content.getBytes(StandardCharsets.UTF_8), expectedName);
    }

    private static SemVer version(String text) {
        return text == null ? null : SemVer.parse(text);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
