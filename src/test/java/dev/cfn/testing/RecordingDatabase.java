package dev.cfn.testing;

import dev.cfn.store.Database;
import dev.cfn.store.Dialect;
import dev.cfn.store.Sql;
import dev.cfn.store.SqlWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real database that records the text of every statement prepared through it, so a test can
 * ask SQLite how it runs each one. Work runs on the real connections; only {@code
 * prepareStatement} is observed.
 */
public final class RecordingDatabase implements Database {
    private static final Set<String> PREPARE = Set.of("prepareStatement", "prepareCall");

    private final Database delegate;
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public RecordingDatabase(Database delegate) {
        this.delegate = delegate;
    }

    /** The distinct statements prepared so far, in first-use order. */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    /** Runs store code on a connection of the delegate, recording what it prepares. */
    public <T> T recordRead(SqlWork<T> work) {
        return delegate.read(sql -> work.run(recording(sql)));
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        return delegate.read(sql -> work.run(recording(sql)));
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        return delegate.write(sql -> work.run(recording(sql)));
    }

    @Override
    public <T> T outsideTransaction(SqlWork<T> work) {
        return delegate.outsideTransaction(sql -> work.run(recording(sql)));
    }

    @Override
    public Dialect dialect() {
        return delegate.dialect();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {}

    private Sql recording(Sql real) {
        Connection connection = real.connection();
        Connection proxy = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, method, args) -> {
                    if (PREPARE.contains(method.getName()) && args != null && args[0] instanceof String text) {
                        if (seen.add(text)) {
                            statements.add(text);
                        }
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Sql(proxy);
    }
}
