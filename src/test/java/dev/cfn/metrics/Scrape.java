package dev.cfn.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Prometheus text exposition (format 0.0.4): one sample per line, {@code name{labels}
 * value}. Parsing fails on a line that does not have that shape, so a test using it also checks the
 * format.
 */
public final class Scrape {
    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? ([-+]?(?:[0-9.eE+-]+|NaN|Inf))(?: -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One sample: its metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final String text;
    private final List<Sample> samples;

    private Scrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    public static Scrape of(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            samples.add(new Sample(
                    m.group(1),
                    labels(m.group(2), line),
                    Double.parseDouble(m.group(3).replace("Inf", "Infinity"))));
        }
        return new Scrape(text, samples);
    }

    private static Map<String, String> labels(String text, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            labels.put(m.group(1), m.group(2));
            end = m.end();
        }
        if (end != text.length()) {
            throw new AssertionError("malformed labels in: " + line);
        }
        return labels;
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every metric name with at least one sample. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; fails when there is none. */
    public double value(String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no sample " + name + labels + " in the scrape");
        }
        return matching.stream().mapToDouble(Sample::value).sum();
    }

    /** The values label {@code key} takes on samples of {@code name}. */
    public Set<String> labelValues(String name, String key) {
        Set<String> values = new LinkedHashSet<>();
        samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().containsKey(key))
                .forEach(s -> values.add(s.labels().get(key)));
        return values;
    }
}
