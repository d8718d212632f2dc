package org.openikfz.store.internal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The contract on a real PostgreSQL. The database comes from OPENIKFZ_PG_URL (system property or
 * environment variable; user and password from OPENIKFZ_PG_USER / OPENIKFZ_PG_PASSWORD). Without it
 * the tests fail: a database missing in CI must not pass unnoticed. Skip them only on purpose, with
 * {@code -Dopenikfz.pg.skip=true}.
 */
class PostgresApplicationStoreTest extends ApplicationStoreContract {

    static final String HOW = "Start a throwaway PostgreSQL with `scripts/postgres.sh start` and pass the JDBC URL it"
            + " prints as OPENIKFZ_PG_URL (environment or -DOPENIKFZ_PG_URL=...), or skip these tests explicitly"
            + " with -Dopenikfz.pg.skip=true.";

    private StoreSettings settings;

    @Override
    protected StoreSettings settings() {
        if (settings == null) {
            String url = setting("OPENIKFZ_PG_URL");
            if (url == null) {
                if (Boolean.getBoolean("openikfz.pg.skip")) {
                    abort("PostgreSQL tests skipped on request (-Dopenikfz.pg.skip=true)");
                }
                fail("No PostgreSQL for the store tests: OPENIKFZ_PG_URL is not set. " + HOW);
            }
            String user = setting("OPENIKFZ_PG_USER");
            String password = setting("OPENIKFZ_PG_PASSWORD");
            settings = new StoreSettings(url, user == null ? "openikfz" : user,
                    password == null ? "openikfz" : password, 4, 10);
        }
        return settings;
    }

    @Override
    protected String expectedDialect() {
        return "POSTGRES";
    }

    /** System property first, then environment; blank and unexpanded Maven expressions count as unset. */
    private static String setting(String name) {
        for (String v : new String[] {System.getProperty(name), System.getenv(name)}) {
            if (v != null && !v.isBlank() && !v.startsWith("${")) {
                return v.trim();
            }
        }
        return null;
    }
}
