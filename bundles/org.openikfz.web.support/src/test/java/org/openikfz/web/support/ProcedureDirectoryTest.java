package org.openikfz.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;

/** The procedures offered as their services come and go: the higher ranking (then the older service) is offered. */
class ProcedureDirectoryTest {

    private static ProcedureDescription procedure(String id, String title) {
        return new ProcedureDescription(new ProcedureId(id), LocalizedText.of(title, title), LocalizedText.of("-", "-"), List.of(),
                Set.of(Applicant.NATURAL_PERSON), Identification.OPTIONAL, new Dialog(List.of()), List.of(), DecisionPolicy.AUTOMATED,
                List.of(), Set.of());
    }

    @Test
    void theHigherRankingIsOfferedAndAnIdGoesWithItsLastService() {
        ProcedureDirectory directory = new ProcedureDirectory();
        assertTrue(directory.add(new ProcedureDirectory.Service(10, 0, procedure("umschreibung", "Umschreibung"))));
        assertFalse(directory.add(new ProcedureDirectory.Service(11, 5, procedure("umschreibung", "Umschreibung 2"))), "known already");
        assertTrue(directory.add(new ProcedureDirectory.Service(12, 0, procedure("ausserbetriebsetzung", "Außerbetriebsetzung"))));
        assertEquals("Umschreibung 2", directory.get("umschreibung").orElseThrow().title().get(Locale.GERMAN));
        assertEquals(List.of("Außerbetriebsetzung", "Umschreibung 2"),
                directory.all(Locale.GERMAN).stream().map(d -> d.title().get(Locale.GERMAN)).toList(), "by title");
        assertEquals(Optional.of(new ProcedureDirectory.Removed("umschreibung", false)), directory.remove(11));
        assertEquals("Umschreibung", directory.get("umschreibung").orElseThrow().title().get(Locale.GERMAN), "the other service now");
        assertEquals(Optional.of(new ProcedureDirectory.Removed("umschreibung", true)), directory.remove(10));
        assertEquals(Optional.empty(), directory.remove(10), "not known any more");
        assertEquals(Set.of("ausserbetriebsetzung"), directory.ids());
    }
}
