package org.openikfz.web.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API's language from {@code Accept-Language}: German unless the client asks for one the platform speaks. */
class LanguageTest {

    private static Locale of(String header) {
        return org.openikfz.web.support.ClientLanguage.of(header, () -> Set.of("fr"));
    }

    @Test
    void theClientsPreferenceByQValue() {
        assertEquals(Locale.ENGLISH, of("en"));
        assertEquals(Locale.ENGLISH, of("en-GB,en;q=0.9"));
        assertEquals(Locale.GERMAN, of("en;q=0.5, de-DE;q=0.8"));
        assertEquals(Locale.forLanguageTag("fr"), of("fr-CH, fr;q=0.9, en;q=0.8"));
        assertEquals(Locale.ENGLISH, of("it, en;q=0.5"), "the first the platform speaks");
    }

    // the container answers such headers with the JVM's default locale (English here), not with what was asked
    @Test
    void germanWhenTheHeaderNamesNoLanguageThePlatformSpeaks() {
        assertEquals(Locale.GERMAN, of(null));
        assertEquals(Locale.GERMAN, of(""));
        assertEquals(Locale.GERMAN, of("en;q=0"), "q=0 means: not English");
        assertEquals(Locale.GERMAN, of("*"));
        assertEquals(Locale.GERMAN, of(",,,"));
        assertEquals(Locale.GERMAN, of("de;q=abc"));
        assertEquals(Locale.GERMAN, of("it, es"));
        assertEquals(Locale.GERMAN, of("x".repeat(5000)));
    }
}
