package dev.cfn.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's history rebuilt from the {@link RunStore} as the events it told its listeners: for a run
 * the asker did not drive (started by the CLI, another process, or before a restart). Events the
 * store does not keep (phase and agent starts, coordination warnings) are not rebuilt.
 */
public final class RunHistory {
    private RunHistory() {}

    public static List<LoopEvent> of(RunStore store, RunRecord run) {
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
