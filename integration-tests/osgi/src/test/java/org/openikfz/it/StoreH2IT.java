package org.openikfz.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openikfz.store.api.Application;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.StoreInfo;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The store inside the real framework with the embedded default: H2 under the home's data/, schema
 * migrated at start, usable through its service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreH2IT {

    @Inject
    protected ApplicationStore store;

    @Configuration
    public Option[] config() {
        return Platform.options("store-h2", Map.of());
    }

    protected String expectedDialect() {
        return "H2";
    }

    @Test
    public void schemaIsMigratedAndTheStoreIsHealthy() {
        StoreInfo info = store.info();
        assertEquals(expectedDialect(), store.dialect());
        assertTrue("healthy: " + info, info.healthy());
        assertTrue("schema version: " + info, info.schemaVersion() != null && !info.schemaVersion().isBlank());
    }

    /** Flyway knows the H2 and PostgreSQL versions we ship: its lines are in the platform's log, none a warning. */
    @Test
    public void flywayMigratesWithoutWarningAboutTheDatabaseVersion() throws java.io.IOException {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("openikfz.home"), "logs", "openikfz.log");
        List<String> flyway = java.nio.file.Files.readAllLines(log).stream().filter(l -> l.contains(" org.flywaydb.")).toList();
        assertTrue("Flyway's lines in " + log, flyway.stream().anyMatch(l -> l.contains("Database: jdbc:")));
        assertEquals(List.of(), flyway.stream().filter(l -> !l.contains(" INFO  ")).toList());
        assertTrue(flyway.stream().noneMatch(l -> l.contains("newer than") || l.contains("not supported")));
    }

    @Test
    public void applicationDataAuditAndOutboxRoundTrip() {
        Application application = store.create("testverfahren", "ERZ", "DIALOG", 3);
        UUID id = application.id();
        store.putData(id, Map.of("kennzeichen", "ERZ-AB 123", "zb1", "secret"));
        store.appendAudit(id, "CREATED", "procedure testverfahren");
        store.enqueue(id, "FACHVERFAHREN", "{}");

        assertEquals(Map.of("kennzeichen", "ERZ-AB 123", "zb1", "secret"), store.getData(id));
        assertEquals(2, store.deleteData(id));
        assertEquals(Map.of(), store.getData(id));
        // the audit trail survives the deletion of the dialog data
        assertEquals(List.of("CREATED"), store.auditTrail(id).stream().map(e -> e.type()).toList());
        assertTrue(store.undelivered(100).stream().anyMatch(m -> m.applicationId().equals(id)));
    }
}
