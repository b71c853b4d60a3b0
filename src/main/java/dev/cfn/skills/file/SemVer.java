package dev.cfn.skills.file;

import dev.cfn.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A semantic version {@code MAJOR.MINOR.PATCH} (pre-release and build suffixes are not used). */
public record SemVer(int major, int minor, int patch) implements Comparable<SemVer> {
    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

    public static final SemVer INITIAL = new SemVer(1, 0, 0);

    public SemVer {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must be >= 0");
        }
    }

    /**
     * @throws InvalidInputException if the text is not {@code MAJOR.MINOR.PATCH}
     */
    public static SemVer parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new InvalidInputException("version must be semver MAJOR.MINOR.PATCH, but was '" + text + "'");
        }
        return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** The kind of change from {@code older} to this version, or null when this is not greater. */
    public ChangeType changeFrom(SemVer older) {
        if (compareTo(older) <= 0) {
            return null;
        }
        if (major != older.major) {
            return ChangeType.MAJOR;
        }
        return minor != older.minor ? ChangeType.MINOR : ChangeType.PATCH;
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
