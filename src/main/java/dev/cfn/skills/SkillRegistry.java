package dev.cfn.skills;

import dev.cfn.ConflictException;
import dev.cfn.InvalidInputException;
import dev.cfn.skills.file.ApprovalLevel;
import dev.cfn.skills.file.ChangeType;
import dev.cfn.skills.file.SemVer;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillFileParser;
import dev.cfn.skills.file.SkillNames;
import dev.cfn.store.ChangeEpochs;
import dev.cfn.store.Database;
import dev.cfn.store.Sql;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The skill lifecycle: propose, approve / reject / escalate, deploy, update, deprecate, roll back.
 * Each operation validates its input first, then runs as one transaction, so a failure changes
 * nothing. After each commit the change listeners run (the loader's cache drops what it held).
 * Thread-safe.
 */
public final class SkillRegistry {
    /** The approver recorded when a version approves itself. */
    public static final String SYSTEM = "system";

    private final Database db;
    private final Clock clock;
    private final JdbcSkillStore store = new JdbcSkillStore();
    /** Created on first use: its YAML mapper costs a read-only command ~15 ms of start-up. */
    private volatile SkillFileParser parser;

    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    public SkillRegistry(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Runs after every committed change to the registry (on the writing thread). */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    public Database database() {
        return db;
    }

    public SkillFileParser parser() {
        SkillFileParser p = parser;
        if (p == null) {
            p = new SkillFileParser(); // stateless: two threads racing here may each make one
            parser = p;
        }
        return p;
    }

    /**
     * Proposes already parsed files in one transaction: each is a new skill or a new version.
     *
     * @param approver approves versions that need a human or expert, or null to leave them pending
     * @param skipUnchanged treat a file identical to the latest version as a no-op (an import),
     *     instead of a conflict (a propose)
     * @throws VersionConflictException if a version does not increase or its content is unchanged
     */
    public List<ProposeResult> propose(List<SkillFile> files, String approver, boolean skipUnchanged) {
        return propose(files, approver, skipUnchanged, false);
    }

    /**
     * Proposes one file for review: its version waits for a decision whatever its category (no
     * approval on its own, never deployed), as a skill proposed by a tool client ({@code cfn mcp}).
     *
     * @throws VersionConflictException if its version does not increase or its content is unchanged
     */
    public ProposeResult proposeForReview(SkillFile file) {
        return propose(List.of(file), null, false, true).get(0);
    }

    private List<ProposeResult> propose(
            List<SkillFile> files, String approver, boolean skipUnchanged, boolean forReview) {
        rejectDuplicateNames(files);
        List<ProposeResult> results = write(sql -> {
            List<ProposeResult> out = new ArrayList<>(files.size());
            long now = clock.millis();
            for (SkillFile file : files) {
                out.add(proposeOne(sql, file, forReview ? null : approver, skipUnchanged, forReview, now));
            }
            return out;
        });
        return results;
    }

    private ProposeResult proposeOne(
            Sql sql, SkillFile file, String approver, boolean skipUnchanged, boolean forReview, long now)
            throws SQLException {
        var existing = store.skillForUpdate(sql, db.dialect(), file.name());
        long skillId;
        ProposeResult.Outcome outcome;
        if (existing.isEmpty()) {
            skillId = store.insertSkill(sql, file, now);
            outcome = ProposeResult.Outcome.CREATED;
        } else {
            skillId = existing.get().id();
            SkillVersion latest = store.latestVersion(sql, skillId).orElseThrow();
            if (latest.contentHash().equals(file.contentHash()) && skipUnchanged) {
                return new ProposeResult(
                        file.name(), latest.version().toString(), latest.state(), ProposeResult.Outcome.UNCHANGED);
            }
            requireNewVersion(file, latest);
            if (existing.get().status() == SkillStatus.ARCHIVED) {
                store.setStatus(sql, skillId, SkillStatus.ACTIVE, null, null, now);
            }
            outcome = ProposeResult.Outcome.ADDED_VERSION;
        }
        VersionState state = forReview ? VersionState.PENDING : initialState(file, approver);
        SkillVersion version = store.addVersion(sql, skillId, file.name(), file, state, now);
        store.setLatest(sql, skillId, version.id(), file, now);
        if (state == VersionState.APPROVED) {
            store.recordDecision(
                    sql,
                    version,
                    approverFor(file, approver),
                    ApprovalDecision.APPROVED,
                    autoReason(file, approver),
                    now);
        }
        return new ProposeResult(file.name(), file.version().toString(), state, outcome);
    }

    private static VersionState initialState(SkillFile file, String approver) {
        boolean auto = file.category().approvalLevel() == ApprovalLevel.AUTO;
        return auto || approver != null ? VersionState.APPROVED : VersionState.PENDING;
    }

    private static String approverFor(SkillFile file, String approver) {
        return file.category().approvalLevel() == ApprovalLevel.AUTO && approver == null ? SYSTEM : approver;
    }

    private static String autoReason(SkillFile file, String approver) {
        return approver == null
                ? "auto-approved: category " + file.category().label() + " needs no review"
                : "approved on import";
    }

    private static void requireNewVersion(SkillFile file, SkillVersion latest) {
        if (latest.contentHash().equals(file.contentHash())) {
            throw new VersionConflictException(file.path() + ": content is unchanged from '" + file.name() + "' "
                    + latest.version() + " (same SHA-256)");
        }
        if (file.version().compareTo(latest.version()) <= 0) {
            throw new VersionConflictException(file.path() + ": version " + file.version() + " of '" + file.name()
                    + "' must be greater than the latest " + latest.version());
        }
    }

    private static void rejectDuplicateNames(List<SkillFile> files) {
        Map<String, Path> seen = new HashMap<>();
        for (SkillFile file : files) {
            Path before = seen.putIfAbsent(file.name(), file.path());
            if (before != null) {
                throw new ConflictException(
                        file.path() + ": skill '" + file.name() + "' is defined twice (also in " + before + ")");
            }
        }
    }

    /**
     * Approves a version awaiting a decision (null: the newest such version).
     *
     * @throws InvalidTransitionException if that version is not awaiting a decision
     */
    public ApprovalRecord approve(String name, SemVer version, String approver, String reason) {
        requireText("--approver", approver);
        return decide(name, version, ApprovalDecision.APPROVED, approver, reason);
    }

    public ApprovalRecord reject(String name, SemVer version, String approver, String reason) {
        requireText("--approver", approver);
        requireText("--reason", reason);
        return decide(name, version, ApprovalDecision.REJECTED, approver, reason);
    }

    /** Sends the newest version awaiting a decision to an expert: its level becomes escalate. */
    public ApprovalRecord escalate(String name, String approver, String reason) {
        requireText("--reason", reason);
        return decide(name, null, ApprovalDecision.ESCALATED, approver == null ? SYSTEM : approver, reason);
    }

    private ApprovalRecord decide(
            String name, SemVer requested, ApprovalDecision decision, String approver, String reason) {
        SkillNames.requireSkillName("skill name", name);
        return write(sql -> {
            long now = clock.millis();
            Skill skill =
                    store.skillForUpdate(sql, db.dialect(), name).orElseThrow(() -> SkillNotFoundException.skill(name));
            SkillVersion version = awaitingVersion(sql, skill, requested);
            switch (decision) {
                case APPROVED -> approveVersion(sql, version, approver, reason, now);
                case ESCALATED -> {
                    store.setApprovalLevel(sql, skill.id(), version.id(), ApprovalLevel.ESCALATE, now);
                    store.setState(sql, version.id(), VersionState.ESCALATED, now);
                    store.recordDecision(sql, version, approver, decision, reason, now);
                }
                default -> {
                    store.setState(sql, version.id(), decision.resultingState(), now);
                    store.recordDecision(sql, version, approver, decision, reason, now);
                    archiveIfNothingApproved(sql, skill, now);
                }
            }
            return new ApprovalRecord(
                    name, version.version().toString(), version.approvalLevel(), approver, decision, reason, now);
        });
    }

    private SkillVersion awaitingVersion(Sql sql, Skill skill, SemVer requested) throws SQLException {
        if (requested == null) {
            return store.newestInState(
                            sql,
                            skill.id(),
                            VersionState.PENDING,
                            VersionState.ESCALATED,
                            VersionState.NEEDS_CORRECTION)
                    .orElseThrow(() -> new InvalidTransitionException(
                            "skill '" + skill.name() + "' has no version awaiting a decision"));
        }
        SkillVersion version = store.version(sql, skill.id(), requested)
                .orElseThrow(() -> SkillNotFoundException.version(skill.name(), requested));
        if (!version.state().awaitsDecision()) {
            throw new InvalidTransitionException("version " + requested + " of '" + skill.name() + "' is already "
                    + version.state().label());
        }
        return version;
    }

    private void approveVersion(Sql sql, SkillVersion version, String approver, String reason, long now)
            throws SQLException {
        store.setState(sql, version.id(), VersionState.APPROVED, now);
        store.recordDecision(sql, version, approver, ApprovalDecision.APPROVED, reason, now);
    }

    private void archiveIfNothingApproved(Sql sql, Skill skill, long now) throws SQLException {
        if (store.newestInState(sql, skill.id(), VersionState.APPROVED).isEmpty()
                && store.newestInState(
                                sql,
                                skill.id(),
                                VersionState.PENDING,
                                VersionState.ESCALATED,
                                VersionState.NEEDS_CORRECTION)
                        .isEmpty()) {
            store.setStatus(sql, skill.id(), SkillStatus.ARCHIVED, skill.deprecationNote(), null, now);
        }
    }

    /**
     * Deploys an approved version to agent types: it becomes the skill's deployed version and the
     * agent types' mappings are created or updated.
     *
     * @throws InvalidTransitionException if the version is not approved or the skill is not active
     */
    public SkillVersion deploy(DeployRequest request) {
        return write(sql -> {
            long now = clock.millis();
            Skill skill = activeSkill(sql, request.skill(), "deploy");
            SkillVersion version = request.version() == null
                    ? store.newestInState(sql, skill.id(), VersionState.APPROVED)
                            .orElseThrow(() -> new InvalidTransitionException(
                                    "skill '" + skill.name() + "' has no approved version to deploy"))
                    : store.version(sql, skill.id(), request.version())
                            .orElseThrow(() -> SkillNotFoundException.version(skill.name(), request.version()));
            if (version.state() != VersionState.APPROVED) {
                throw new InvalidTransitionException("version " + version.version() + " of '" + skill.name() + "' is "
                        + version.state().label() + ", only an approved version deploys");
            }
            store.setDeployed(sql, skill.id(), version.id(), now);
            for (String agentType : request.agentTypes()) {
                Mapping mapping = new Mapping(
                        agentType,
                        skill.name(),
                        request.priority(),
                        request.required(),
                        true,
                        request.conditions(),
                        null);
                store.upsertMapping(sql, skill.id(), mapping, request.pin() ? version.id() : null, now);
            }
            return version;
        });
    }

    /**
     * The seed's update, done right: a new version, its approval and its deployment to the agent
     * types already mapped, in one transaction.
     *
     * @param change the declared kind of change, or null to accept any increase
     * @param approver needed unless the skill's category approves itself
     */
    public SkillVersion update(String name, SkillFile file, ChangeType change, String approver) {
        SkillNames.requireSkillName("skill name", name);
        if (!file.name().equals(name)) {
            throw new InvalidInputException(
                    file.path() + ": front matter 'name' must be '" + name + "', but was '" + file.name() + "'");
        }
        boolean auto = file.category().approvalLevel() == ApprovalLevel.AUTO;
        return write(sql -> {
            long now = clock.millis();
            Skill skill = activeSkill(sql, name, "update");
            SkillVersion latest = store.latestVersion(sql, skill.id()).orElseThrow();
            requireNewVersion(file, latest);
            ChangeType actual = file.version().changeFrom(latest.version());
            if (change != null && actual != change) {
                throw new VersionConflictException("--change " + change.label() + " does not match the version bump "
                        + latest.version() + " -> " + file.version() + " (" + actual.label() + ")");
            }
            if (!auto && approver == null) {
                throw new InvalidTransitionException("skill '" + name + "' has approval level "
                        + file.category().approvalLevel().label() + ": an update needs --approver");
            }
            // Written approved at once and never read back: the transaction already holds every value.
            SkillVersion version = store.addVersion(sql, skill.id(), name, file, VersionState.APPROVED, now);
            store.setLatestAndDeployed(sql, skill.id(), version.id(), file, now);
            String by = approver == null ? SYSTEM : approver;
            String why = "update (" + actual.label() + ") from " + latest.version();
            store.recordDecision(sql, version, by, ApprovalDecision.APPROVED, why, now);
            return version;
        });
    }

    public Skill deprecate(String name, String replacement, String note) {
        SkillNames.requireSkillName("skill name", name);
        if (replacement != null) {
            SkillNames.requireSkillName("--replacement", replacement);
            if (replacement.equals(name)) {
                throw new InvalidInputException("--replacement must name another skill, but was '" + name + "'");
            }
        }
        return write(sql -> {
            long now = clock.millis();
            Skill skill = activeSkill(sql, name, "deprecate");
            Long replacementId = null;
            if (replacement != null) {
                replacementId = store.skill(sql, replacement)
                        .orElseThrow(() -> SkillNotFoundException.skill(replacement))
                        .id();
            }
            store.setStatus(sql, skill.id(), SkillStatus.DEPRECATED, note, replacementId, now);
            return store.skill(sql, name).orElseThrow();
        });
    }

    /** Makes an earlier approved version the deployed one again. */
    public SkillVersion rollback(String name, SemVer to) {
        SkillNames.requireSkillName("skill name", name);
        return write(sql -> {
            long now = clock.millis();
            Skill skill =
                    store.skillForUpdate(sql, db.dialect(), name).orElseThrow(() -> SkillNotFoundException.skill(name));
            SkillVersion version =
                    store.version(sql, skill.id(), to).orElseThrow(() -> SkillNotFoundException.version(name, to));
            if (version.state() != VersionState.APPROVED) {
                throw new InvalidTransitionException("version " + to + " of '" + name + "' is "
                        + version.state().label() + ", not approved");
            }
            if (to.toString().equals(skill.deployedVersion())) {
                throw new InvalidTransitionException("version " + to + " of '" + name + "' is already deployed");
            }
            store.setDeployed(sql, skill.id(), version.id(), now);
            if (skill.status() != SkillStatus.ACTIVE) {
                store.setStatus(sql, skill.id(), SkillStatus.ACTIVE, null, null, now);
            }
            return version;
        });
    }

    private Skill activeSkill(Sql sql, String name, String action) throws SQLException {
        Skill skill =
                store.skillForUpdate(sql, db.dialect(), name).orElseThrow(() -> SkillNotFoundException.skill(name));
        if (skill.status() != SkillStatus.ACTIVE) {
            throw new InvalidTransitionException(
                    "skill '" + name + "' is " + skill.status().label() + ": cannot " + action + " it");
        }
        return skill;
    }

    // ---- reads ------------------------------------------------------------------------------

    public Skill skill(String name) {
        SkillNames.requireSkillName("skill name", name);
        return db.read(sql -> store.skill(sql, name)).orElseThrow(() -> SkillNotFoundException.skill(name));
    }

    /** A version of a skill; null: the deployed one, else the latest. */
    public SkillVersion version(String name, SemVer version) {
        SkillNames.requireSkillName("skill name", name);
        return db.read(sql -> {
            Skill skill = store.skill(sql, name).orElseThrow(() -> SkillNotFoundException.skill(name));
            if (version != null) {
                return store.version(sql, skill.id(), version)
                        .orElseThrow(() -> SkillNotFoundException.version(name, version));
            }
            var deployed = store.deployedVersion(sql, skill.id());
            return deployed.isPresent()
                    ? deployed.get()
                    : store.latestVersion(sql, skill.id()).orElseThrow();
        });
    }

    public List<Skill> list(SkillStatus status, String agentType, boolean pendingOnly) {
        if (agentType != null) {
            SkillNames.requireAgentType(agentType);
        }
        return db.read(sql -> store.skills(sql, status, agentType, pendingOnly));
    }

    public List<SkillVersion> versions(String name) {
        Skill skill = skill(name);
        return db.read(sql -> store.versions(sql, skill.id()));
    }

    public List<ApprovalRecord> history(String name) {
        Skill skill = skill(name);
        return db.read(sql -> store.history(sql, skill.id()));
    }

    public List<Mapping> mappings(String name) {
        Skill skill = skill(name);
        return db.read(sql -> store.mappings(sql, skill.id()));
    }

    public List<PendingVersion> pending() {
        return db.read(store::pending);
    }

    private <T> T write(dev.cfn.store.SqlWork<T> work) {
        T result = db.write(sql -> {
            T value = work.run(sql);
            ChangeEpochs.bump(sql, ChangeEpochs.SKILLS);
            return value;
        });
        changeListeners.forEach(Runnable::run);
        return result;
    }

    private static void requireText(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(option + " is required and must not be empty");
        }
    }
}
