package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Each round both lanes update one skill at once: lane 0 to 1.(2r).0, lane 1 to the lower
 * 1.(2r-1).0. The lower one must fail when the higher committed first, never overwrite it; after
 * every round the latest and the deployed version must be the highest that exists.
 */
final class UpdateRace {
    static final int ROUNDS = 12;
    final CyclicBarrier barrier = new CyclicBarrier(2);
    final List<String> succeeded = new CopyOnWriteArrayList<>();
    final List<String> lostUpdates = new CopyOnWriteArrayList<>();

    Void run(SkillRegistry registry, int lane) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            barrier.await(1, TimeUnit.MINUTES);
            String version = "1." + (2 * round - lane) + ".0";
            try {
                registry.update(
                        "race",
                        SkillStoreContract.skill("race", version, "testing", "lane " + lane + " r" + round),
                        null,
                        null);
                succeeded.add(version);
            } catch (dev.cfn.ConflictException e) {
                assertThat(e).hasMessageContaining("must be greater than the latest");
            }
            barrier.await(1, TimeUnit.MINUTES);
            if (lane == 0) {
                check(registry, round);
            }
        }
        return null;
    }

    private void check(SkillRegistry registry, int round) {
        String highest = java.util.Collections.max(registry.versions("race").stream()
                        .map(SkillVersion::version)
                        .toList())
                .toString();
        Skill skill = registry.skill("race");
        if (!highest.equals(skill.latestVersion()) || !highest.equals(skill.deployedVersion())) {
            lostUpdates.add("round " + round + ": highest " + highest + ", latest " + skill.latestVersion()
                    + ", deployed " + skill.deployedVersion());
        }
    }
}
