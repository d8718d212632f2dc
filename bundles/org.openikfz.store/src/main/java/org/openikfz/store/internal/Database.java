package org.openikfz.store.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.openikfz.store.api.StoreException;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * An open database: the connection pool over the driver's DataSource, migrated to the newest
 * schema, and the jOOQ context over it. Closing it closes the pool.
 */
final class Database implements AutoCloseable {

    /** Where the migrations lie inside the bundle (and on the test class path). */
    static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final CountingDataSource counter;
    private final H2Maintenance h2;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final String product;
    private final String schemaVersion;

    /** Identity values H2 hands out between two writes of the identity's sequence (see {@link H2Maintenance#cacheIdentities}). */
    private static final int IDENTITY_CACHE = 1024;

    private Database(HikariDataSource pool, CountingDataSource counter, SQLDialect dialect, String product, String schemaVersion) {
        this.pool = pool;
        this.counter = counter;
        this.h2 = dialect == SQLDialect.H2 ? new H2Maintenance(pool) : null;
        this.dialect = dialect;
        this.product = product;
        this.schemaVersion = schemaVersion;
        this.dsl = DSL.using(pool, dialect, jooqSettings());
    }

    /** Opens the pool and migrates the schema; fails (and closes again) if either fails. */
    static Database open(StoreSettings settings) {
        CountingDataSource counter = new CountingDataSource();
        HikariDataSource pool = pool(settings, counter);
        try {
            String product = product(pool);
            String version = migrate(pool, settings);
            if (settings.dialect() == SQLDialect.H2) {
                H2Maintenance.cacheIdentities(pool, IDENTITY_CACHE);
            }
            return new Database(pool, counter, settings.dialect(), product, version);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(StoreSettings settings, CountingDataSource counter) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("openikfz-store");
        config.setDataSource(counter.wrap(DriverDataSources.create(settings)));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(settings.timeoutSeconds()));
        config.setAutoCommit(true);
        config.setRegisterMbeans(false);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Hikari's PoolInitializationException: the database cannot be reached with these settings
            throw new StoreException("Cannot connect to " + settings.safeUrl() + " as user " + settings.user()
                    + ": " + rootMessage(e), e);
        }
    }

    /**
     * Applies the migrations in {@code db/migration}. The store's own class loader is passed to
     * Flyway: in OSGi it is the bundle's, whose resources Flyway's OSGi scanner lists through the
     * bundle ({@code Bundle.findEntries}); missing migrations fail instead of leaving an empty schema.
     */
    private static String migrate(DataSource dataSource, StoreSettings settings) {
        requireFlywayStarted();
        try {
            Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .javaMigrations(new V11__Dialog_data_moved())
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .cleanDisabled(true)
                    .load();
            if (flyway.info().all().length == 0) {
                throw new StoreException("Flyway found no migrations in " + MIGRATIONS + " of the store");
            }
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            if (current == null || current.getVersion() == null) {
                throw new StoreException("No migration was applied to " + settings.safeUrl());
            }
            return current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw new StoreException("Migrating the schema of " + settings.safeUrl() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Flyway's OSGi scanner lists the store bundle's migrations through the BundleContext of
     * Flyway's own bundle; while flyway-core is only RESOLVED that is null, and Flyway quietly finds
     * no migrations. So flyway-core must be started before the store activates.
     */
    private static void requireFlywayStarted() {
        Bundle flyway = FrameworkUtil.getBundle(Flyway.class);
        if (flyway != null && (flyway.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            throw new StoreException("The bundle " + flyway.getSymbolicName() + " " + flyway.getVersion()
                    + " is not started: Flyway finds the store's migrations only from a started bundle."
                    + " Start it (at a start level not above the store's).");
        }
    }

    private static String product(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new StoreException("Cannot read the database's metadata: " + e.getMessage(), e);
        }
    }

    /**
     * Names unquoted and in lower case: the generated classes carry H2's upper-case names, which
     * quoted would miss PostgreSQL's lower-case tables. No execute logging: bind values are
     * personal data.
     */
    private static Settings jooqSettings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withRenderNameCase(RenderNameCase.LOWER)
                .withRenderSchema(false)
                .withExecuteLogging(false);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    DSLContext dsl() {
        return dsl;
    }

    /** Statements and commits since the pool opened (the migration's included). */
    org.openikfz.store.api.StoreActivity activity() {
        return counter.activity();
    }

    SQLDialect dialect() {
        return dialect;
    }

    String product() {
        return product;
    }

    String schemaVersion() {
        return schemaVersion;
    }

    /**
     * The database's own housekeeping, a bounded step: on the embedded H2, compacting its file (see
     * {@link H2Maintenance}); PostgreSQL's autovacuum does this itself.
     */
    void maintain() {
        if (h2 != null) {
            h2.compact(90, 2 << 20, 32 << 20);
        }
    }

    /** Whether a valid connection can be had within two seconds. */
    boolean healthy() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
