package dev.cfn.loop;

import dev.cfn.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a run judges with beyond its thresholds: the acceptance criteria every agent is given, the
 * keywords (besides the task's words) that skill mappings' conditions are matched against, whether
 * definitions' hooks run, and whether an iteration that changed nothing in the workdir fails its
 * deliverable check. Stored with the run inside its settings.
 *
 * @param criteria what "done" means, one statement each (given to every agent as {@code
 *     acceptance_criteria})
 * @param keywords extra skill keywords ({@code --keywords}), lower case
 * @param hooks whether {@code lifecycle} and {@code validation_hooks} of definitions run ({@code --hooks})
 * @param requireChange whether an iteration whose implementers changed nothing fails (when the run
 *     names no {@code --expected-files}; off with {@code --allow-unchanged})
 */
public record Judging(List<String> criteria, List<String> keywords, boolean hooks, boolean requireChange) {
    /** No criteria, no keywords, no hooks, no change check: what a run stored before them reads as. */
    public static final Judging NONE = new Judging(List.of(), List.of(), false, false);

    static final int MAX_CRITERION = 2000;

    public Judging {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        for (String c : criteria) {
            if (c == null || c.isBlank()) {
                throw new InvalidInputException("--criteria must not be empty");
            }
            if (c.length() > MAX_CRITERION) {
                throw new InvalidInputException(
                        "--criteria must be at most " + MAX_CRITERION + " characters, but one has " + c.length());
            }
        }
        keywords = keywords == null ? List.of() : keywordsOf(keywords);
    }

    private static List<String> keywordsOf(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : given) {
            if (k == null || k.isBlank()) {
                throw new InvalidInputException("--keywords must not have an empty keyword");
            }
            out.add(k.strip().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /**
     * The words skill conditions are matched against: the task's words (lower case, letters and
     * digits with inner '-' or '_'; a hyphenated word also gives its parts) and the keywords.
     */
    public List<String> skillKeywords(String task) {
        Set<String> out = new LinkedHashSet<>();
        for (String word : task.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_-]+")) {
            String w = word.replaceAll("^[-_]+|[-_]+$", "");
            if (w.isEmpty()) {
                continue;
            }
            out.add(w);
            if (w.contains("-")) {
                for (String part : w.split("-")) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            }
        }
        out.addAll(keywords);
        return new ArrayList<>(out);
    }
}
