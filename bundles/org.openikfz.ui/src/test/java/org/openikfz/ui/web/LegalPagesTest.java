package org.openikfz.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The footer's legal pages come from the configuration; an address that is none stops the start with the setting's name. */
class LegalPagesTest {

    @Test
    void configured_pages_in_the_footers_order_and_none_when_empty() {
        LegalPages pages = LegalPages.of(" https://www.landkreis.example/impressum ", "", "https://www.landkreis.example/barrierefreiheit");
        assertEquals(Map.of(LegalPages.IMPRINT, URI.create("https://www.landkreis.example/impressum"), LegalPages.ACCESSIBILITY,
                URI.create("https://www.landkreis.example/barrierefreiheit")), pages.pages());
        assertEquals(List.of(LegalPages.IMPRINT, LegalPages.ACCESSIBILITY), List.copyOf(pages.pages().keySet()));
        assertTrue(LegalPages.of("", null, " ").pages().isEmpty());
    }

    @Test
    void an_address_that_is_none_is_refused_with_its_setting() {
        for (String wrong : List.of("javascript:alert(1)", "/impressum", "https://user@landkreis.example/impressum", "ftp://landkreis.example/x",
                "https://land kreis.example")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LegalPages.of("", wrong, ""), wrong);
            assertTrue(e.getMessage().startsWith("privacyUrl"), e.getMessage());
        }
    }
}
