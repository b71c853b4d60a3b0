package dev.cfn.store;

import dev.cfn.InvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL ({@code jdbc:postgresql://host:port/db?currentSchema=s}), validated, with
 * a form safe to print (no password).
 *
 * @param url the URL as given
 * @param schema the first schema of {@code currentSchema}, where cfn's tables live; empty: the
 *     server's default search path (usually {@code public})
 */
public record PostgresUrl(String url, Optional<String> schema) {
    public static final String PREFIX = "jdbc:postgresql:";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?]*@");
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("([?&])currentSchema=[^&]*&?");
    private static final Pattern PASSWORD = Pattern.compile("(?i)([?&]password=)[^&]*");

    public PostgresUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * @throws InvalidInputException if the URL is not a PostgreSQL JDBC URL or names a schema that
     *     is not a plain identifier
     */
    public static PostgresUrl parse(String url) {
        Properties props = url.startsWith(PREFIX) ? org.postgresql.Driver.parseURL(url, new Properties()) : null;
        if (props == null) {
            throw new InvalidInputException(
                    "--db " + redact(url) + " must be a URL like jdbc:postgresql://host:5432/database");
        }
        String current = props.getProperty("currentSchema");
        if (current == null || current.isBlank()) {
            return new PostgresUrl(url, Optional.empty());
        }
        String first = current.split(",")[0].trim();
        if (!IDENTIFIER.matcher(first).matches()) {
            throw new InvalidInputException("--db " + redact(url)
                    + ": currentSchema must be letters, digits and _ (not starting with a digit), but was '" + first
                    + "'");
        }
        return new PostgresUrl(url, Optional.of(first));
    }

    /** The same server and database with the tables in {@code schema} (it replaces any currentSchema). */
    public PostgresUrl withSchema(String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a plain identifier, but was '" + schema + "'");
        }
        String base = CURRENT_SCHEMA.matcher(url).replaceAll("$1").replaceAll("[?&]$", "");
        base = base.replaceFirst("\\?&", "?");
        String separator = base.contains("?") ? "&" : "?";
        return new PostgresUrl(base + separator + "currentSchema=" + schema, Optional.of(schema));
    }

    /** The password the URL carries (its {@code password} parameter or {@code //user:password@}), or null. */
    String password() {
        Properties props = org.postgresql.Driver.parseURL(url, new Properties());
        String fromParams = props == null ? null : props.getProperty("password");
        if (fromParams != null) {
            return fromParams;
        }
        var m = USER_INFO.matcher(url);
        if (m.find()) {
            String info = m.group();
            int colon = info.indexOf(':');
            return colon < 0 ? null : info.substring(colon + 1, info.length() - 1);
        }
        return null;
    }

    /** This URL without its password. */
    public String redacted() {
        return redact(url);
    }

    /** Any URL with the password of {@code //user:password@} and of {@code password=} removed. */
    public static String redact(String url) {
        String noUserInfo = USER_INFO.matcher(url).replaceAll(m -> {
            String info = m.group();
            int colon = info.indexOf(':');
            return colon < 0 ? info : java.util.regex.Matcher.quoteReplacement(info.substring(0, colon) + ":***@");
        });
        return PASSWORD.matcher(noUserInfo).replaceAll("$1***");
    }
}
