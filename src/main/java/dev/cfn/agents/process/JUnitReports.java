package dev.cfn.agents.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Counts test cases in JUnit XML reports (the Surefire format: {@code <testcase>} elements with a
 * {@code <failure>}, {@code <error>} or {@code <skipped>} child). Only reports written during the run
 * count: a snapshot taken before the run tells new and changed files from stale ones. No DTDs, no
 * external entities.
 */
final class JUnitReports {
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private JUnitReports() {}

    /** The XML files under {@code folder} and their modification times (empty if none). */
    static Map<Path, FileTime> snapshot(Path folder) {
        Map<Path, FileTime> files = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> p.toString().endsWith(".xml") && Files.isRegularFile(p))
                    .forEach(p -> {
                        try {
                            files.put(p, Files.getLastModifiedTime(p));
                        } catch (IOException e) {
                            // vanished meanwhile
                        }
                    });
        } catch (IOException | RuntimeException e) {
            return files;
        }
        return files;
    }

    /** Counts the reports that are new or changed since {@code before}; null when there are none. */
    static TestTally count(Path folder, Map<Path, FileTime> before) {
        Map<Path, FileTime> after = snapshot(folder);
        List<Path> fresh = after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        if (fresh.isEmpty()) {
            return null;
        }
        int[] counts = new int[3];
        List<String> failures = new ArrayList<>();
        for (Path report : fresh) {
            read(report, counts, failures);
        }
        return new TestTally(counts[0], counts[1], counts[2], failures, fresh.size() + " report(s) in " + folder);
    }

    private static void read(Path report, int[] counts, List<String> failures) {
        try (InputStream in = Files.newInputStream(report)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            String testcase = null;
            int outcome = 0; // 0 passed, 1 failed, 2 skipped
            String message = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "testcase" -> {
                            testcase = name(xml);
                            outcome = 0;
                            message = null;
                        }
                        case "failure", "error" -> {
                            outcome = 1;
                            message = xml.getAttributeValue(null, "message");
                        }
                        case "skipped" -> outcome = outcome == 1 ? 1 : 2;
                        default -> {}
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && xml.getLocalName().equals("testcase")) {
                    counts[outcome]++;
                    if (outcome == 1 && failures.size() < TestTally.MAX_LISTED) {
                        failures.add(testcase + (message == null ? "" : ": " + message.strip()));
                    }
                }
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            failures.add(report.getFileName() + ": unreadable report ("
                    + e.getClass().getSimpleName() + ")");
            counts[1]++;
        }
    }

    private static String name(XMLStreamReader xml) {
        String cls = xml.getAttributeValue(null, "classname");
        String name = xml.getAttributeValue(null, "name");
        return (cls == null || cls.isEmpty() ? "" : cls + ".") + (name == null ? "?" : name);
    }
}
