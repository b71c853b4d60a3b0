package dev.cfn.loop.session;

import dev.cfn.loop.IterationRecord;
import dev.cfn.loop.LoopEvent;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's history as its listeners were told it, for a run the asker did not drive (started by the
 * CLI, another process, or before a restart): the stored events ({@link EventLog}), or for a run
 * stored before events were kept, the events rebuilt from its iterations and results (without the
 * phase, agent-start and progress events, which were not kept then).
 */
public final class RunHistory {
    private RunHistory() {}

    public static List<RunStore.StoredEvent> of(RunStore store, RunRecord run) {
        List<RunStore.StoredEvent> stored = store.events(run.id());
        if (!stored.isEmpty()) {
            return stored;
        }
        List<LoopEvent> rebuilt = rebuilt(store, run);
        List<RunStore.StoredEvent> out = new ArrayList<>();
        for (LoopEvent e : rebuilt) {
            out.add(new RunStore.StoredEvent(out.size() + 1, e.name(), e.data()));
        }
        return out;
    }

    static List<LoopEvent> rebuilt(RunStore store, RunRecord run) {
        List<LoopEvent> out = new ArrayList<>();
        String id = run.id();
        out.add(new LoopEvent.RunStarted(id, run.task()));
        for (IterationRecord it : store.iterations(id)) {
            int i = it.iteration();
            out.add(new LoopEvent.IterationStarted(id, i));
            out.addAll(store.finished(id, i));
            if (it.gateScore() != null) {
                out.add(new LoopEvent.GateChecked(id, i, it.gateScore(), Boolean.TRUE.equals(it.gatePassed())));
            }
            if (it.consensusScore() != null) {
                out.add(new LoopEvent.ConsensusChecked(
                        id, i, it.consensusScore(), Boolean.TRUE.equals(it.consensusPassed())));
            }
            if (it.decision() != null) {
                out.add(new LoopEvent.IterationFinished(id, it));
            }
        }
        if (!run.status().resumable()) {
            out.add(new LoopEvent.RunFinished(id, run.status(), run.exitReason()));
        }
        return out;
    }
}
