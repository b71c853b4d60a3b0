package dev.cfn.store;

/** The SQL dialects cfn runs on; each has its own migration folder under {@code db/}. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The classpath folder of this dialect's migrations. */
    public String migrationFolder() {
        return "db/" + folder;
    }
}
