package dev.cfn.store;

import java.sql.SQLException;

/** Work done with one connection: a read, or the body of a write transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Sql sql) throws SQLException;
}
