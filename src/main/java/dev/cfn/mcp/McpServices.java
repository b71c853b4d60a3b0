package dev.cfn.mcp;

import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.LoopRequest;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.skills.SkillRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@code cfn mcp}'s tools call: the same objects the CLI commands they mirror use.
 *
 * @param loader {@code cfn skill load}'s loader
 * @param loops starts a loop in the background, with its reflector or null, and returns its run id
 *     (as {@code POST /api/loops})
 */
public record McpServices(
        SkillRegistry registry,
        Function<LoadRequest, List<LoadedSkill>> loader,
        RunStore runs,
        BiFunction<LoopRequest, String, String> loops,
        Clock clock) {
    public McpServices {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(clock, "clock");
    }
}
