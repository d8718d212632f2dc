package org.openikfz.core.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openikfz.api.application.ApplicationException;

class AccessTest {

    private final Access access = new Access(new SecureRandom(), "ERZ", List.of(URI.create("https://ikfz.example.de")));

    @Test
    void theAuthorityIsThePortalsOwn() {
        assertEquals("ERZ", access.authorityFor(null));
        assertEquals("ERZ", access.authorityFor("erz"));
        ApplicationException e = assertThrows(ApplicationException.class, () -> access.authorityFor("ZZZ"));
        assertEquals(ApplicationException.Reason.INVALID, e.reason());
        assertThrows(ApplicationException.class, () -> access.authorityFor("X".repeat(50)));
    }

    @Test
    void returnAddressesOnlyOnThePortalsOrigins() {
        assertEquals("https://ikfz.example.de/back", access.returnAddress(URI.create("https://ikfz.example.de/back")).toString());
        assertEquals("https://ikfz.example.de:443/x", access.returnAddress(URI.create("https://ikfz.example.de:443/x")).toString());
        for (String foreign : List.of("https://attacker.example/back", "http://ikfz.example.de/back", "https://ikfz.example.de:8443/",
                "https://user@ikfz.example.de/", "javascript:alert(1)", "/relative")) {
            assertThrows(ApplicationException.class, () -> access.returnAddress(URI.create(foreign)), foreign);
        }
    }

    /** Application ids are version 7 UUIDs: in the order they were made (by the millisecond), unique, with random bits after the time. */
    @Test
    void applicationIdsGrowWithTimeAndDoNotRepeat() throws Exception {
        java.util.List<java.util.UUID> ids = new java.util.ArrayList<>();
        java.util.Set<java.util.UUID> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long before = System.currentTimeMillis();
        for (int i = 0; i < 2_000; i++) {
            ids.add(access.newApplicationId());
        }
        long after = System.currentTimeMillis();
        // many threads at once: no id twice
        org.openikfz.core.internal.Races.atOnce(8, () -> {
            for (int i = 0; i < 1_000; i++) {
                seen.add(access.newApplicationId());
            }
            return null;
        });
        assertEquals(8_000, seen.size());
        for (int i = 0; i < ids.size(); i++) {
            java.util.UUID id = ids.get(i);
            assertEquals(7, id.version(), id.toString());
            assertEquals(2, id.variant(), id.toString());
            long millis = id.getMostSignificantBits() >>> 16;
            org.junit.jupiter.api.Assertions.assertTrue(millis >= before && millis <= after, id + " carries its time");
            if (i > 0) {
                // ordered by their time (the random bits within one millisecond are not)
                org.junit.jupiter.api.Assertions.assertTrue(millis >= ids.get(i - 1).getMostSignificantBits() >>> 16, id.toString());
            }
        }
        assertEquals(ids.size(), new java.util.HashSet<>(ids).size());
    }
}
