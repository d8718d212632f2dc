package org.openikfz.it;

import static org.junit.Assert.fail;

import java.util.Map;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The same checks against a real PostgreSQL, configured the way an operator does it: an
 * etc/org.openikfz.store.cfg file. ./test.sh starts a throwaway cluster and sets OPENIKFZ_PG_URL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorePostgresIT extends StoreH2IT {

    @Override
    @Configuration
    public Option[] config() {
        String url = System.getenv("OPENIKFZ_PG_URL");
        if (url == null || url.isBlank()) {
            fail("OPENIKFZ_PG_URL is not set: run ./test.sh, or start scripts/postgres.sh and export its --env output");
        }
        String cfg = "url=" + url + "\nuser=" + env("OPENIKFZ_PG_USER", "openikfz")
                + "\n.password=" + env("OPENIKFZ_PG_PASSWORD", "openikfz") + "\n";
        return Platform.options("store-postgres", Map.of("org.openikfz.store", cfg));
    }

    @Override
    protected String expectedDialect() {
        return "POSTGRES";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
