package org.openikfz.procedure.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.text.Texts;

/** The kit's texts live in its resource files, German and English complete. */
class RegistrationTextsTest {

    private final Texts texts = Texts.of(Registration.class, "OSGI-INF/l10n/registration");

    @Test
    void germanAndEnglishAreComplete() {
        Set<String> german = texts.keys();
        for (String key : german) {
            String en = texts.get(key).get(Locale.ENGLISH);
            assertFalse(en.equals(texts.get(key).get(Locale.GERMAN)) && !key.startsWith("month."), "no English for " + key + ": " + en);
        }
        assertEquals(Set.of("de", "en"), texts.languages());
    }

    @Test
    void theStepsReadTheirTextsFromTheFiles() {
        DialogStep conditions = Registration.conditionsStep();
        assertEquals("Geht es online?", conditions.title().get(Locale.GERMAN));
        assertEquals("Can it be done online?", conditions.title().get(Locale.ENGLISH));
        String warning = Registration.securityCodeWarningStep(true, false).notices().get(0).text().get(Locale.ENGLISH);
        assertEquals(true, warning.startsWith("Next we ask for the security code of the registration certificate part I."), warning);
    }
}
