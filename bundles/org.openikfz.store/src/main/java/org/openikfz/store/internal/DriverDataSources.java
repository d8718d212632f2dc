package org.openikfz.store.internal;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.openikfz.store.api.StoreException;

/**
 * The drivers' own DataSource classes, instantiated directly: in OSGi, DriverManager does not see
 * driver bundles. The PostgreSQL classes are touched only for a jdbc:postgresql: URL, so that the
 * store runs without the PostgreSQL bundle (its import is optional).
 */
final class DriverDataSources {

    private DriverDataSources() {
    }

    static DataSource create(StoreSettings settings) {
        return switch (settings.dialect()) {
            case H2 -> h2(settings);
            case POSTGRES -> postgres(settings);
            default -> throw new StoreException("No driver for " + settings.dialect());
        };
    }

    private static DataSource h2(StoreSettings settings) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(durable(settings.url()));
        if (settings.user() != null) {
            ds.setUser(settings.user());
        }
        if (settings.password() != null) {
            ds.setPassword(settings.password());
        }
        return ds;
    }

    /**
     * What was acknowledged must survive a crash: H2 flushes its log up to 500 ms after a commit by
     * default, so a {@code kill -9} right after an acknowledged request could lose it. With
     * WRITE_DELAY=0 every commit is on disk before it returns (unless the operator set a delay).
     */
    static String durable(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String durable = upper.contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
        // freed file space is reused after 2 s instead of 45 s; safe because the store syncs the file every second (H2Maintenance)
        String reused = upper.contains(";RETENTION_TIME=") ? durable : durable + ";RETENTION_TIME=2000";
        // each connection keeps the parsed form of its last 64 statements (H2's default, 8, is fewer than
        // one dialog's distinct statements, so H2 parsed most of them again on every call)
        return upper.contains(";QUERY_CACHE_SIZE=") ? reused : reused + ";QUERY_CACHE_SIZE=64";
    }

    private static DataSource postgres(StoreSettings settings) {
        try {
            return PostgresDataSource.create(settings);
        } catch (NoClassDefFoundError e) {
            throw new StoreException("The store is configured for PostgreSQL (" + settings.safeUrl()
                    + ") but the PostgreSQL JDBC driver (bundle org.postgresql.jdbc) is not available to it:"
                    + " install that bundle and refresh the store bundle", e);
        }
    }

    /** Separate class: it links to org.postgresql.ds only when loaded. */
    private static final class PostgresDataSource {

        static DataSource create(StoreSettings settings) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(settings.url());
            if (settings.user() != null) {
                ds.setUser(settings.user());
            }
            if (settings.password() != null) {
                ds.setPassword(settings.password());
            }
            ds.setApplicationName("openikfz");
            return ds;
        }
    }
}
