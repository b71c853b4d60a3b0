package dev.cfn.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the current row of a result set to a value. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
}
