package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of a real distribution verified by the operator's command
 * ({@code bin/openikfz audit-verify}): intact after real applications, refused while the embedded
 * database is in use, and an altered or deleted row in the stopped database is named.
 */
class AuditVerifyIT {

    private static RunningDistribution distribution;

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("audit");
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    void alteringOrDeletingAnAuditRowIsFoundByTheVerificationCommand() throws Exception {
        Api api = new Api(distribution);
        for (int i = 0; i < 3; i++) {
            var created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
            String path = "/api/v1/applications/" + created.path("id").asText();
            api.call("PUT", path + "/answers", created.path("token").asText(), Api.abmelden("Zz9Zz9Z"), 200);
            assertEquals("DIALOG", api.call("POST", path + "/verify", created.path("token").asText(), null, 200).path("state").asText());
        }
        Result busy = verify();
        assertEquals(2, busy.exit(), busy.output());
        assertTrue(busy.output().contains("in use by the running platform"), busy.output());

        distribution.close();
        Result intact = verify();
        assertEquals(0, intact.exit(), intact.output());
        assertTrue(intact.output().startsWith("Audit trail intact:"), intact.output());

        // the evidence dossier of the stopped platform reads the database: the audit trail and the staff accounts
        Process evidence = new ProcessBuilder(distribution.home.resolve("bin/openikfz").toString(), "evidence")
                .directory(distribution.home.toFile()).redirectErrorStream(true).start();
        String made = new String(evidence.getInputStream().readAllBytes());
        assertEquals(1, evidence.waitFor(), made);
        java.util.Map<String, String> results = new java.util.HashMap<>();
        try (var dirs = Files.list(distribution.home.resolve("evidence"))) {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(dirs.findFirst().orElseThrow().resolve("dossier.json").toFile())
                    .path("checks").forEach(c -> results.put(c.path("id").asText(), c.path("result").asText() + " " + c.path("evidence").asText()));
        }
        assertTrue(results.get("audit.chain").startsWith("PASS Audit trail intact"), results.get("audit.chain"));
        assertTrue(results.get("accounts.totp").startsWith("PASS"), results.get("accounts.totp"));
        assertTrue(results.get("accounts.initial").startsWith("FAIL") && results.get("accounts.initial").contains("betrieb-"),
                "the first start's operator account is still there: " + results.get("accounts.initial"));
        assertTrue(results.get("live.readiness").startsWith("NOT_CHECKED"), results.get("live.readiness"));

        long opposed = sql("SELECT MIN(id) FROM audit_event WHERE event_type = 'OPPOSED'");
        sql("UPDATE audit_event SET detail = 'findings=0;correctionsLeft=3' WHERE id = " + opposed);
        Result altered = verify();
        assertEquals(1, altered.exit(), altered.output());
        assertTrue(altered.output().contains("event " + opposed + " was altered"), altered.output());

        long opened = sql("SELECT MAX(id) FROM audit_event WHERE event_type = 'OPENED'");
        sql("DELETE FROM audit_event WHERE id = " + opened);
        Result deleted = verify();
        assertEquals(1, deleted.exit(), deleted.output());
        assertTrue(deleted.output().contains("does not follow its predecessor"), deleted.output());
        assertTrue(!Files.readString(distribution.home.resolve("data/audit.key")).isBlank(), "the key lies outside the database");
    }

    record Result(int exit, String output) {
    }

    private static Result verify() throws Exception {
        Process process = new ProcessBuilder(distribution.home.resolve("bin/openikfz").toString(), "audit-verify")
                .directory(distribution.home.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Result(process.waitFor(), output);
    }

    /** Runs a statement on the stopped distribution's H2 database; a query returns its single number. */
    private static long sql(String statement) throws Exception {
        String url = "jdbc:h2:file:" + distribution.home.resolve("data/openikfz") + ";IFEXISTS=TRUE";
        try (Connection connection = DriverManager.getConnection(url, "sa", ""); Statement st = connection.createStatement()) {
            if (statement.startsWith("SELECT")) {
                try (ResultSet r = st.executeQuery(statement)) {
                    r.next();
                    return r.getLong(1);
                }
            }
            return st.executeUpdate(statement);
        }
    }
}
