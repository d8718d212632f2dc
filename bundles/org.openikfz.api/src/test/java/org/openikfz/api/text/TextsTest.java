package org.openikfz.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Texts come from resource files: German complete, English, and any further language a file brings, partial or not. */
class TextsTest {

    private final Texts texts = Texts.of(TextsTest.class, "org/openikfz/api/text/sample");

    @Test
    void everyLanguageWhoseFileIsThereIsFoundWithoutBeingNamed() {
        assertEquals(Set.of("de", "en", "fr"), texts.languages());
        assertEquals("Bonjour, {0}.", texts.get("greeting").get(Locale.FRENCH));
        assertEquals("Welt", texts.get("name").get(Locale.FRENCH), "what the French file lacks stays German");
        assertEquals("Nur auf Deutsch", texts.get("only.german").get(Locale.ENGLISH), "a blank translation is none");
        assertEquals("Guten Tag, {0}.", texts.get("greeting").get(Locale.forLanguageTag("it")));
        assertEquals(Set.of("name", "only.german"), texts.untranslated("fr"), "what a partial translation lacks");
        assertEquals(Set.of("only.german"), texts.untranslated("en"));
    }

    @Test
    void placeholdersTakeTheArgumentInTheSameLanguage() {
        LocalizedText greeting = texts.format("greeting", texts.get("name"));
        assertEquals("Guten Tag, Welt.", greeting.get(Locale.GERMAN));
        assertEquals("Hello, world.", greeting.get(Locale.ENGLISH));
        assertEquals("Bonjour, Welt.", greeting.get(Locale.FRENCH), "German where the argument has no French");
    }

    @Test
    void aTextWithoutGermanOrABundleWithoutItsGermanFileIsAnError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> texts.get("missing")).getMessage().contains("missing"));
        assertThrows(IllegalArgumentException.class, () -> Texts.of(TextsTest.class, "org/openikfz/api/text/none"));
    }
}
