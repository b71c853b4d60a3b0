package dev.cfn;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The jar this process was started from, for commands that start cfn again in a child JVM
 * (benchmarks, worker fleets). That is the jar given to {@code java -jar}, not the jar holding
 * cfn's classes: {@code bin/cfn} runs a small jar whose manifest {@code Class-Path} chains the
 * classes split out for the AOT cache, and a child started on the class-holding jar alone would
 * miss every class of the other part.
 */
public final class OwnJar {
    private OwnJar() {}

    /** Empty when cfn runs from a classes folder (tests in an IDE, Maven's test phase). */
    public static Optional<Path> find() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty() && !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            Path launched = Path.of(classPath).toAbsolutePath();
            if (Files.isRegularFile(launched)) {
                return Optional.of(launched);
            }
        }
        try {
            Path holder = Path.of(OwnJar.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(holder) ? Optional.of(holder) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
