package dev.cfn.store;

/**
 * A relational database holding cfn's state (embedded SQLite or PostgreSQL), with the schema
 * migrated on open.
 *
 * <p>Thread-safe. {@link #read} runs on a pooled reader connection; {@link #write} runs its work
 * as one transaction that commits when the work returns and rolls back when it throws, so a
 * failing command changes nothing. A {@link java.sql.SQLException} escaping the work is
 * translated once, here: lock time-outs and lost connections become {@link
 * dev.cfn.RetriableException}, everything else an internal {@link dev.cfn.CfnException}.
 */
public interface Database extends AutoCloseable {

    Dialect dialect();

    /** Runs read-only work; never blocks on writers (WAL on SQLite, MVCC on PostgreSQL). */
    <T> T read(SqlWork<T> work);

    /** Runs work in one write transaction; the work must not keep the {@link Sql} handle. */
    <T> T write(SqlWork<T> work);

    /**
     * Runs work on a write connection outside any transaction, for statements that refuse one
     * (VACUUM). Other writers of this process wait meanwhile.
     */
    <T> T outsideTransaction(SqlWork<T> work);

    /** A human-readable location: a file path or a URL without credentials. */
    String describe();

    @Override
    void close();
}
