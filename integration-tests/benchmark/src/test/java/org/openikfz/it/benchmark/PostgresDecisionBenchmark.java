package org.openikfz.it.benchmark;

import static org.junit.Assert.fail;

import java.util.Map;
import javax.sql.DataSource;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The same measurement on PostgreSQL (OPENIKFZ_PG_URL, as scripts/benchmark.sh starts it). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresDecisionBenchmark extends H2DecisionBenchmark {

    @Override
    protected String name() {
        return "benchmark-postgres";
    }

    @Override
    protected Map<String, String> storeConfig() {
        String url = System.getenv("OPENIKFZ_PG_URL");
        if (url == null || url.isBlank()) {
            fail("OPENIKFZ_PG_URL is not set: run scripts/benchmark.sh");
        }
        return Map.of("org.openikfz.store", "url=" + url + "\nuser=" + env("OPENIKFZ_PG_USER") + "\n.password="
                + env("OPENIKFZ_PG_PASSWORD") + "\n");
    }

    @Override
    protected String database() {
        return "PostgreSQL";
    }

    @Override
    protected DataSource baselineDataSource() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(System.getenv("OPENIKFZ_PG_URL"));
        ds.setUser(env("OPENIKFZ_PG_USER"));
        ds.setPassword(env("OPENIKFZ_PG_PASSWORD"));
        return ds;
    }

    @Override
    protected boolean leaseWritten() {
        return true; // PostgreSQL is shared between nodes: the verification writes its lease
    }

    @Override
    protected String sequence() {
        return "SELECT nextval('decision_number') FROM generate_series(1, 16)";
    }

    /** What the server has written to its write-ahead log so far (PostgreSQL 14+), in bytes. */
    @Override
    protected long bytesWritten(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery("SELECT wal_bytes FROM pg_stat_wal")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "openikfz" : value;
    }
}
