package dev.cfn.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN.md (and docs/architecture.md): every room has a level, and a class may use
 * classes of its own room or of rooms on a lower level only. Nothing points up or sideways, so no
 * cycle between rooms can form. A package that is in no room fails too: place a new room here and
 * in docs/architecture.md.
 */
class ArchitectureTest {
    /** Rooms, lowest first; a room is its package and (unless listed apart) every package below it. */
    static final Map<String, Integer> LEVELS = levels(
            "dev.cfn", -1, // the exceptions every room throws, the jar's own location
            "dev.cfn.json", 0,
            "dev.cfn.bench", 0,
            "dev.cfn.protocol", 0,
            "dev.cfn.config", 1,
            "dev.cfn.metrics", 2,
            "dev.cfn.store", 3,
            "dev.cfn.redis", 3,
            "dev.cfn.git", 3,
            "dev.cfn.cache", 4,
            "dev.cfn.skills.file", 5,
            "dev.cfn.skills", 6,
            "dev.cfn.coord", 6,
            "dev.cfn.skills.analytics", 7,
            "dev.cfn.skills.bench", 8,
            "dev.cfn.coord.bench", 7,
            "dev.cfn.agents", 7,
            "dev.cfn.agents.container", 7, // the engines' CLI; agents.process wraps its launches with it
            "dev.cfn.agents.definition", 8,
            "dev.cfn.agents.process", 8,
            "dev.cfn.agents.mcp", 8, // the agents' MCP endpoint (report_result, skills_for_agent): serves skills
            "dev.cfn.agents.claude", 9, // runs its CLI through agents.process's ProcessRunner
            "dev.cfn.agents.llm", 9, // its Bash tool runs through agents.process's ProcessRunner; holds .tools
            "dev.cfn.agents.spawn", 10,
            "dev.cfn.agents.bench", 11,
            "dev.cfn.loop", 11,
            "dev.cfn.loop.session", 12,
            "dev.cfn.loop.bench", 12,
            "dev.cfn.worker", 12,
            "dev.cfn.loadtest", 12,
            "dev.cfn.http", 13,
            "dev.cfn.http.bench", 14,
            "dev.cfn.mcp", 14,
            "dev.cfn.cli", 15);

    private static final JavaClasses CFN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.cfn");

    @Test
    void rooms_depend_only_on_their_own_room_or_on_rooms_below() {
        ArchRule rule = classes().should(dependOnlyDownwards()).because("the arrows of DESIGN.md point down only");
        rule.check(CFN);
    }

    @Test
    void the_rule_sees_an_upward_import() {
        // The rule itself can fail: a store class using the loop is upward, a skills class using
        // coordination sideways; a class using its own room or one below is fine.
        assertViolation("dev.cfn.store.Sql", "dev.cfn.loop.LoopExecutor", true);
        assertViolation("dev.cfn.skills.SkillRegistry", "dev.cfn.coord.Coordinator", true);
        assertViolation("dev.cfn.agents.AgentResult", "dev.cfn.agents.process.ProcessRunner", true);
        assertViolation("dev.cfn.loop.LoopExecutor", "dev.cfn.loop.bench.OverheadBench", true);
        assertViolation("dev.cfn.skills.file.SkillFile", "dev.cfn.skills.SkillRegistry", true);
        assertViolation("dev.cfn.skills.SkillRegistry", "dev.cfn.skills.file.SkillFile", false);
        assertViolation("dev.cfn.loop.LoopExecutor", "dev.cfn.store.Sql", false);
        assertViolation("dev.cfn.cli.loop.LoopRuns", "dev.cfn.cli.CliContext", false);
        assertViolation("dev.cfn.agents.spawn.AgentSpawner", "dev.cfn.agents.process.WarmPool", false);
    }

    @Test
    void every_package_is_in_a_room() {
        for (JavaClass c : CFN) {
            if (room(c.getPackageName()) == null) {
                throw new AssertionError(c.getPackageName() + " is in no room: place it in ArchitectureTest.LEVELS"
                        + " and docs/architecture.md");
            }
        }
    }

    private static void assertViolation(String from, String to, boolean expected) {
        boolean upward = !allowed(from.substring(0, from.lastIndexOf('.')), to.substring(0, to.lastIndexOf('.')));
        if (upward != expected) {
            throw new AssertionError(from + " -> " + to + (expected ? " should" : " should not") + " break the arrows");
        }
    }

    private static ArchCondition<JavaClass> dependOnlyDownwards() {
        return new ArchCondition<>("depend only on their own room or rooms below") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    if (target.startsWith("dev.cfn") && !allowed(item.getPackageName(), target)) {
                        events.add(SimpleConditionEvent.violated(
                                d,
                                d.getDescription() + " [" + room(item.getPackageName()) + " -> " + room(target)
                                        + " points up or sideways]"));
                    }
                }
            }
        };
    }

    static boolean allowed(String fromPackage, String toPackage) {
        String from = room(fromPackage);
        String to = room(toPackage);
        if (from == null || to == null) {
            return false;
        }
        return from.equals(to) || LEVELS.get(to) < LEVELS.get(from);
    }

    /** The most specific room holding a package; the root room holds {@code dev.cfn} itself only. */
    static String room(String pkg) {
        String best = null;
        for (String room : LEVELS.keySet()) {
            boolean inside = room.equals("dev.cfn") ? pkg.equals(room) : pkg.equals(room) || pkg.startsWith(room + ".");
            if (inside && (best == null || room.length() > best.length())) {
                best = room;
            }
        }
        return best;
    }

    private static Map<String, Integer> levels(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }
}
