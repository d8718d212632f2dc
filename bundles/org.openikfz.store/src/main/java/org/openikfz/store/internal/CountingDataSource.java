package org.openikfz.store.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.openikfz.store.api.StoreActivity;

/**
 * The driver's DataSource, counting what the store asks of the database: every statement sent
 * (a JDBC batch counts once: it is one round trip; so does a savepoint) and every commit (an explicit {@code commit()},
 * or a statement run with auto-commit on that is not a query). Operators see the figures on the
 * operator page; the benchmark prints them per decision.
 */
final class CountingDataSource {

    private final LongAdder statements = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder rollbacks = new LongAdder();

    /** The counted activity since the store started. */
    StoreActivity activity() {
        return new StoreActivity(statements.sum(), commits.sum(), rollbacks.sum());
    }

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            switch (method.getName()) {
                case "commit" -> commits.increment();
                // a savepoint is a round trip (SAVEPOINT / RELEASE SAVEPOINT on PostgreSQL)
                case "setSavepoint", "releaseSavepoint" -> statements.increment();
                case "rollback" -> {
                    if (args == null || args.length == 0) {
                        rollbacks.increment();
                    }
                }
                default -> {
                    if (result instanceof Statement s) {
                        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                        return statement(target, s, method.getReturnType(), sql);
                    }
                }
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private Object statement(Connection connection, Statement target, Class<?> type, String prepared) {
        return proxy((Class<Statement>) type, target, (proxy, method, args) -> {
            String name = method.getName();
            boolean executes = name.startsWith("execute");
            Object result = invoke(target, method, args);
            if (executes) {
                statements.increment();
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : prepared;
                // the cheap tests first: asking the connection for its auto-commit is a call through the pool's proxy to the driver
                if (!name.equals("executeQuery") && !isQuery(sql) && connection.getAutoCommit()) {
                    commits.increment();
                }
            }
            return result;
        });
    }

    /** A read: with auto-commit on, it commits nothing. */
    private static boolean isQuery(String sql) {
        if (sql == null) {
            return false;
        }
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        // the first word only (the hot statements are some hundred characters long)
        return sql.regionMatches(true, start, "select", 0, 6) || sql.regionMatches(true, start, "with", 0, 4)
                || sql.regionMatches(true, start, "values", 0, 6);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args.length == 1 && ((Class<?>) args[0]).isInstance(proxy)) {
                return proxy;
            }
            return handler.invoke(proxy, method, args);
        });
    }
}
