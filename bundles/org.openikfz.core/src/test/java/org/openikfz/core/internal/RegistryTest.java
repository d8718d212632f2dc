package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;

/**
 * The one registry of procedures: which version new applications get, which one an application keeps,
 * and what the portal and the machine API are offered (the catalog), as services come and go.
 */
class RegistryTest {

    private final Registry registry = new Registry();

    @Test
    void theHigherRankingIsOfferedAndAnIdGoesWithItsLastService() {
        Procedure older = procedure("umschreibung", "Umschreibung");
        Procedure ranked = procedure("umschreibung", "Umschreibung (neu)");
        registry.add(older, Map.of("service.id", 1L), Registry.Origin.of("org.example.umschreibung", "1.0.0"));
        registry.add(ranked, Map.of("service.id", 2L, "service.ranking", 5), Registry.Origin.of("org.example.umschreibung", "1.0.1"));
        assertEquals("Umschreibung (neu)", title(registry.offered(new ProcedureId("umschreibung"))));
        registry.remove(ranked);
        assertEquals("Umschreibung", title(registry.offered(new ProcedureId("umschreibung"))));
        registry.remove(older);
        assertTrue(registry.offered(new ProcedureId("umschreibung")).isEmpty());
        assertEquals(List.of(), registry.offered());
    }

    @Test
    void anApplicationKeepsItsVersionWhileDeployedThenTakesTheOfferedOne() {
        Procedure v1 = procedure("erstzulassung", "v1");
        Procedure v2 = procedure("erstzulassung", "v2");
        registry.add(v1, Map.of("service.id", 1L), Registry.Origin.of("org.example.erstzulassung", "1.4.0"));
        registry.add(v2, Map.of("service.id", 2L), Registry.Origin.of("org.example.erstzulassung", "2.0.0"));
        assertSame(v2, registry.procedure("erstzulassung"));
        assertSame(v1, registry.procedure("erstzulassung", "org.example.erstzulassung 1.4.0"));
        assertSame(v2, registry.procedure("erstzulassung", "org.example.erstzulassung 2.0.0"));
        assertSame(v2, registry.procedure("erstzulassung", null), "opened outside a framework: the offered one");
        assertEquals("org.example.erstzulassung 1.4.0", registry.version(v1));
        registry.remove(v1);
        assertSame(v2, registry.procedure("erstzulassung", "org.example.erstzulassung 1.4.0"));
        registry.remove(v2);
        assertNull(registry.procedure("erstzulassung", "org.example.erstzulassung 2.0.0"));
    }

    @Test
    void theCatalogOffersOnlyTheDistrictsProceduresAndToldItsListenersOfEachChange() throws Exception {
        List<String> told = new ArrayList<>();
        AutoCloseable listening = registry.listen(id -> told.add(id.value()));
        registry.add(procedure("umschreibung", "Umschreibung"), Map.of("service.id", 1L));
        Procedure abmeldung = procedure("ausserbetriebsetzung", "Außerbetriebsetzung");
        registry.add(abmeldung, Map.of("service.id", 2L));
        assertEquals(List.of("umschreibung", "ausserbetriebsetzung"), told);
        assertEquals(2, registry.offered().size());
        registry.configure(config("ausserbetriebsetzung"));
        assertEquals(List.of("Außerbetriebsetzung"), registry.offered().stream().map(d -> d.title().get(java.util.Locale.GERMAN)).toList());
        assertTrue(registry.offered(new ProcedureId("umschreibung")).isEmpty(), "deployed, but not offered by the district");
        assertTrue(told.size() >= 4, "a changed district tells the listeners: " + told);
        listening.close();
        registry.remove(abmeldung);
        int before = told.size();
        registry.add(abmeldung, Map.of("service.id", 3L));
        assertEquals(before, told.size(), "no longer listening");
    }

    @Test
    void aProcedureThatCannotDescribeItselfIsNotOffered() {
        Procedure broken = new Procedure() {
            private int calls;

            @Override
            public ProcedureDescription description() {
                if (calls++ > 0) {
                    throw new IllegalStateException("broken bundle");
                }
                return procedure("kaputt", "Kaputt").description();
            }
        };
        registry.add(broken, Map.of("service.id", 1L));
        assertEquals(List.of(), registry.offered());
        assertTrue(registry.offered(new ProcedureId("kaputt")).isEmpty());
    }

    private static final FactKey<java.time.YearMonth> NEXT_HU = FactKey.month("register.nextHu");
    private static final FactKey<String> HOLDER = FactKey.text("register.holder");

    /** A check runs after the checks that produce what it needs, whatever order the procedure names them in. */
    @Test
    void aCheckRunsAfterTheChecksThatProduceWhatItNeeds() {
        registry.add(check("hu", Set.of(NEXT_HU), Set.of()), Map.of("service.id", 1L));
        registry.add(check("zustaendigkeit", Set.of(), Set.of()), Map.of("service.id", 2L));
        registry.add(check("register", Set.of(), Set.of(NEXT_HU, HOLDER)), Map.of("service.id", 3L));
        assertEquals(ids("zustaendigkeit", "register", "hu"),
                registry.order(procedure("p", "P", ids("zustaendigkeit", "hu", "register"), Set.of()).description()));
        assertEquals(ids("register", "zustaendigkeit", "hu"),
                registry.order(procedure("p", "P", ids("register", "zustaendigkeit", "hu"), Set.of()).description()), "named in order: kept");
        assertEquals(ids("zustaendigkeit", "hu", "fehlt"),
                registry.order(procedure("p", "P", ids("zustaendigkeit", "hu", "fehlt"), Set.of()).description()), "no producer deployed: kept");
        // the order is worked out once per set of deployed checks: a producer deployed later moves the check after it
        org.openikfz.api.check.Check fehlt = check("fehlt", Set.of(), Set.of(NEXT_HU));
        registry.add(fehlt, Map.of("service.id", 6L));
        assertEquals(ids("zustaendigkeit", "fehlt", "hu"),
                registry.order(procedure("p", "P", ids("zustaendigkeit", "hu", "fehlt"), Set.of()).description()), "its producer deployed");
        registry.remove(fehlt);
        assertEquals(ids("zustaendigkeit", "hu", "fehlt"),
                registry.order(procedure("p", "P", ids("zustaendigkeit", "hu", "fehlt"), Set.of()).description()), "and gone again");
        registry.add(check("a", Set.of(HOLDER), Set.of(NEXT_HU)), Map.of("service.id", 4L));
        registry.add(check("b", Set.of(NEXT_HU), Set.of(HOLDER)), Map.of("service.id", 5L));
        assertEquals(ids("b", "a"), registry.order(procedure("p", "P", ids("b", "a"), Set.of()).description()),
                "a cycle keeps the named order");
    }

    /**
     * A procedure whose checks need a fact that none of its deployed checks produces is not offered, and is not
     * opened; the operators are told why (withheld, the readiness probe) and the catalog's listeners when it changes.
     */
    @Test
    void aProcedureIsWithheldWhileANeedOfItOrItsChecksIsProducedByNoDeployedCheck() throws Exception {
        List<String> told = new ArrayList<>();
        registry.listen(id -> told.add(id.value()));
        Procedure wiederzulassung = procedure("wiederzulassung", "Wiederzulassung", ids("register", "hu"), Set.of(HOLDER));
        registry.add(wiederzulassung, Map.of("service.id", 1L));
        registry.add(check("hu", Set.of(NEXT_HU), Set.of()), Map.of("service.id", 2L));
        assertEquals(List.of(), registry.offered());
        assertEquals(Map.of("wiederzulassung", List.of(
                "check hu needs the fact register.nextHu, which none of its deployed checks produces",
                "the procedure needs the fact register.holder, which none of its deployed checks produces")), registry.withheld());
        assertEquals(2, registry.unmet(wiederzulassung).size());

        told.clear();
        org.openikfz.api.check.Check register = check("register", Set.of(), Set.of(NEXT_HU, HOLDER));
        registry.add(register, Map.of("service.id", 3L));
        assertEquals(List.of("wiederzulassung"), told, "the portal re-renders when a check arrives");
        assertEquals(List.of("Wiederzulassung"), registry.offered().stream().map(d -> d.title().get(java.util.Locale.GERMAN)).toList());
        assertEquals(Map.of(), registry.withheld());

        registry.remove(register);
        assertTrue(registry.offered(new ProcedureId("wiederzulassung")).isEmpty(), "withheld again when the producer goes");
        registry.configure(config("ausserbetriebsetzung"));
        assertEquals(Map.of(), registry.withheld(), "a procedure the district does not offer is not the operators' concern");
    }

    private static List<org.openikfz.api.check.CheckId> ids(String... ids) {
        return java.util.Arrays.stream(ids).map(org.openikfz.api.check.CheckId::new).toList();
    }

    private static org.openikfz.api.check.Check check(String id, Set<FactKey<?>> needs, Set<FactKey<?>> produces) {
        return new org.openikfz.api.check.Check() {
            @Override
            public org.openikfz.api.check.CheckId id() {
                return new org.openikfz.api.check.CheckId(id);
            }

            @Override
            public org.openikfz.api.check.CheckResult check(org.openikfz.api.check.CheckContext context) {
                return org.openikfz.api.check.CheckResult.clear();
            }

            @Override
            public Set<FactKey<?>> needs() {
                return needs;
            }

            @Override
            public Set<FactKey<?>> produces() {
                return produces;
            }
        };
    }

    private static Procedure procedure(String id, String title, List<org.openikfz.api.check.CheckId> checks, Set<FactKey<?>> needs) {
        ProcedureDescription description = ProcedureDescription.builder(new ProcedureId(id), LocalizedText.of(title, title))
                .summary(LocalizedText.of("Test", "Test"))
                .applicants(Set.of(Applicant.NATURAL_PERSON))
                .dialog(new Dialog(List.of()))
                .checks(checks)
                .decisionPolicy(DecisionPolicy.AUTOMATED)
                .build();
        return new Procedure() {
            @Override
            public ProcedureDescription description() {
                return description;
            }

            @Override
            public Set<FactKey<?>> needs() {
                return needs;
            }
        };
    }

    private static String title(Optional<ProcedureDescription> d) {
        return d.orElseThrow().title().get(java.util.Locale.GERMAN);
    }

    private static Procedure procedure(String id, String title) {
        ProcedureDescription description = ProcedureDescription.builder(new ProcedureId(id), LocalizedText.of(title, title))
                .summary(LocalizedText.of("Test", "Test"))
                .applicants(Set.of(Applicant.NATURAL_PERSON))
                .dialog(new Dialog(List.of()))
                .decisionPolicy(DecisionPolicy.AUTOMATED)
                .build();
        return () -> description;
    }

    private static EngineConfig config(String... procedures) {
        return (EngineConfig) Proxy.newProxyInstance(EngineConfig.class.getClassLoader(), new Class<?>[] {EngineConfig.class},
                (proxy, method, args) -> method.getName().equals("district_procedures") ? procedures : method.getDefaultValue());
    }
}
