package org.openikfz.backoffice.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.Facts;

/** The German back office shows what the checks established in German, never as the facts' keys. */
class CaseTextsTest {

    @Test
    void every_fact_of_the_spi_has_a_german_label() throws Exception {
        List<String> unlabelled = new ArrayList<>();
        for (Field f : Facts.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String key = (String) f.get(null);
                if (ClerkDesk.text("fact." + key, null) == null) {
                    unlabelled.add(key);
                }
            }
        }
        assertEquals(List.of(), unlabelled, "facts shown with their technical key in the case file");
        assertEquals("IBAN (gekürzt)", ClerkDesk.text("fact." + Facts.SEPA_IBAN_MASKED.name(), null));
    }

    @Test
    void values_read_as_a_clerk_reads_them() {
        assertEquals("Ja", ClerkDesk.factValue(Facts.ZFZR_APPLICANT_IS_HOLDER.name(), "true"));
        assertEquals("Nein", ClerkDesk.factValue(Facts.ZFZR_REGISTERED.name(), "false"));
        assertEquals("03.11.2026", ClerkDesk.factValue(Facts.ZFZR_DEREGISTERED_ON.name(), "2026-11-03"));
        assertEquals("aus dem Register", ClerkDesk.factValue(Facts.HU_PROOF.name(), "register"));
        assertEquals("DE89 **** 30 00", ClerkDesk.factValue(Facts.SEPA_IBAN_MASKED.name(), "DE89 **** 30 00"));
        assertTrue(ClerkDesk.text("level.high", "high").contains("Vertrauensniveau hoch"));
        assertEquals("unbekannt", ClerkDesk.text("level.unbekannt", "unbekannt"), "an unknown level as it came");
    }
}
