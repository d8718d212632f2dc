package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openikfz.api.dialog.Choice;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.dialog.InvalidAnswerException;
import org.openikfz.api.text.LocalizedText;

/** Answers are parsed by their field's value type and kept in canonical form. */
class EdgeValidationTest {

    @Test
    void answersAreKeptInCanonicalForm() {
        assertEquals("ERZ-AB 123", org.openikfz.core.internal.dialog.DialogRules.normalize(field(FieldType.KENNZEICHEN), "erz-ab 123"));
        assertEquals("true", org.openikfz.core.internal.dialog.DialogRules.normalize(field(FieldType.YES_NO), "Ja"));
        assertEquals("2026-01-31", org.openikfz.core.internal.dialog.DialogRules.normalize(field(FieldType.DATE), "2026-01-31"));
        assertEquals("Ab3De4F", org.openikfz.core.internal.dialog.DialogRules.normalize(field(FieldType.ZB1_CODE), "Ab3De4F"));
        for (String month : List.of("2027-04", "04.2027", "4/2027")) {
            assertEquals("2027-04", org.openikfz.core.internal.dialog.DialogRules.normalize(field(FieldType.MONTH), month), month);
        }
    }

    @Test
    void badAnswersAreRefused() {
        InvalidAnswerException code = assertThrows(InvalidAnswerException.class,
                () -> org.openikfz.core.internal.dialog.DialogRules.normalize(field(FieldType.ZB1_CODE), "Ab3De4"));
        org.junit.jupiter.api.Assertions.assertFalse(code.getMessage(java.util.Locale.ENGLISH).contains("Ab3De4"), "no code in the message");
        org.junit.jupiter.api.Assertions.assertNotEquals(code.getMessage(java.util.Locale.GERMAN), code.getMessage(java.util.Locale.ENGLISH));
        assertThrows(InvalidAnswerException.class, () -> org.openikfz.core.internal.dialog.DialogRules.normalize(field(FieldType.YES_NO), "vielleicht"));
        Field choice = Field.builder("art", FieldType.CHOICE, LocalizedText.german("Art"))
                .choices(List.of(new Choice("a", LocalizedText.german("A"))))
                .build();
        assertThrows(InvalidAnswerException.class, () -> org.openikfz.core.internal.dialog.DialogRules.normalize(choice, "b"));
        assertThrows(InvalidAnswerException.class, () -> org.openikfz.core.internal.dialog.DialogRules.normalize(field(FieldType.TEXT), "x".repeat(201)));
    }

    /** A date is a date a person means: the years 1900 to 2100, ISO or German form (#16: +99999-01-01 was taken). */
    @Test
    void datesLieBetween1900And2100() {
        Field date = field(FieldType.DATE);
        assertEquals("2026-12-01", org.openikfz.core.internal.dialog.DialogRules.normalize(date, "1.12.2026"));
        assertEquals("1999-02-28", org.openikfz.core.internal.dialog.DialogRules.normalize(date, " 1999-02-28 "));
        assertEquals("2100-12-31", org.openikfz.core.internal.dialog.DialogRules.normalize(date, "31.12.2100"));
        for (String bad : List.of("+99999-01-01", "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31", "2026-02-30", "31.02.2026",
                "morgen", "20261201")) {
            assertThrows(InvalidAnswerException.class, () -> org.openikfz.core.internal.dialog.DialogRules.normalize(date, bad), bad);
        }
        Field month = field(FieldType.MONTH);
        assertEquals("2027-04", org.openikfz.core.internal.dialog.DialogRules.normalize(month, "04.2027"));
        for (String bad : List.of("+99999-01", "0001-01", "13.2027", "2027-4", "01.2101")) {
            assertThrows(InvalidAnswerException.class, () -> org.openikfz.core.internal.dialog.DialogRules.normalize(month, bad), bad);
        }
    }

    /** Free text is printable text: no NUL, line breaks, bidi overrides or zero-width characters; composed (NFC); 200 characters. */
    @Test
    void freeTextIsPrintableTextOnly() {
        Field text = field(FieldType.TEXT);
        assertEquals("Müller-Lüdenscheidt, Straße 1 (Hinterhaus) – 2. OG", org.openikfz.core.internal.dialog.DialogRules.normalize(text,
                "Müller-Lüdenscheidt, Straße 1 (Hinterhaus) – 2. OG"));
        assertEquals("Müller", org.openikfz.core.internal.dialog.DialogRules.normalize(text, "Mu\u0308ller"), "composed");
        assertEquals("x".repeat(200), org.openikfz.core.internal.dialog.DialogRules.normalize(text, "x".repeat(200)));
        assertEquals("😀".repeat(200), org.openikfz.core.internal.dialog.DialogRules.normalize(text, "😀".repeat(200)), "characters, not chars");
        for (String bad : List.of("Erika\u0000", "Erika\nMustermann", "Erika\tMustermann", "\u202Eanna", "Erika\u2066x\u2069",
                "Er\u200Bika", "Erika\u200F", "\uE000", "\uD800x", "Erika\u2028")) {
            InvalidAnswerException refused = assertThrows(
                    InvalidAnswerException.class,
                    () -> org.openikfz.core.internal.dialog.DialogRules.normalize(text, bad), bad);
            org.junit.jupiter.api.Assertions.assertTrue(refused.text().get(java.util.Locale.GERMAN).contains("nicht erlaubt"));
        }
    }

    private static Field field(FieldType type) {
        return Field.required("f", type, LocalizedText.german("Frage"), null);
    }
}
