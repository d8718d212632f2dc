package org.openikfz.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguagesTest {

    private static final List<Locale> OFFERED = List.of(Locale.GERMAN, Locale.ENGLISH);

    @Test
    void theFirstOfferedLanguageTheClientPrefersElseGerman() {
        assertEquals(Locale.ENGLISH, Languages.preferred("en-GB,en;q=0.9,de;q=0.5", OFFERED));
        assertEquals(Locale.GERMAN, Languages.preferred("de-DE,de", OFFERED));
        assertEquals(Locale.ENGLISH, Languages.preferred("fr-FR,fr;q=0.9,en;q=0.5", OFFERED), "the first one offered");
        assertEquals(Locale.GERMAN, Languages.preferred("en;q=0.4,de;q=0.8", OFFERED), "by q-value, not by position");
        assertEquals(Locale.GERMAN, Languages.preferred("fr-FR,fr;q=0.9", OFFERED), "none offered: German");
        assertEquals(Locale.GERMAN, Languages.preferred(null, OFFERED));
        assertEquals(Locale.GERMAN, Languages.preferred("", OFFERED));
        assertEquals(Locale.GERMAN, Languages.preferred("en;q=x,;;", OFFERED), "not a list of language ranges");
    }
}
