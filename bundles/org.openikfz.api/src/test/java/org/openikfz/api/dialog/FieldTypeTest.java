package org.openikfz.api.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.text.LocalizedText;

/** The platform's field types say how a form asks for an answer and keep the secrets secret; the set is open. */
class FieldTypeTest {

    private static final List<FieldType> STANDARD = List.of(FieldType.TEXT, FieldType.DATE, FieldType.MONTH, FieldType.YES_NO,
            FieldType.CHOICE, FieldType.KENNZEICHEN, FieldType.FIN, FieldType.PLAKETTEN_CODE_FRONT, FieldType.PLAKETTEN_CODE_REAR,
            FieldType.PLAKETTEN_CODE_SHARED_PART, FieldType.ZB1_CODE, FieldType.ZB2_CODE, FieldType.EVB, FieldType.IBAN);

    @Test
    void theSecurityCodesAndTheIbanAreSecretAndNothingElse() {
        Set<FieldType> secret = Set.of(FieldType.PLAKETTEN_CODE_FRONT, FieldType.PLAKETTEN_CODE_REAR, FieldType.PLAKETTEN_CODE_SHARED_PART,
                FieldType.ZB1_CODE, FieldType.ZB2_CODE, FieldType.IBAN);
        for (FieldType type : STANDARD) {
            assertEquals(secret.contains(type), type.secret(), type.name());
        }
    }

    @Test
    void eachTypeNamesTheEditorAFormUses() {
        assertEquals(Editor.DATE, FieldType.DATE.editor());
        assertEquals(Editor.MONTH, FieldType.MONTH.editor());
        assertEquals(Editor.YES_NO, FieldType.YES_NO.editor());
        assertEquals(Editor.CHOICE, FieldType.CHOICE.editor());
        for (FieldType code : List.of(FieldType.KENNZEICHEN, FieldType.FIN, FieldType.EVB, FieldType.IBAN)) {
            assertEquals(Editor.TEXT, code.editor(), code.name());
            assertTrue(code.hints().contains(InputHint.CAPITALS), code.name());
        }
        // the security codes mix upper and lower case and are compared as printed: a phone must not capitalise them
        for (FieldType code : List.of(FieldType.PLAKETTEN_CODE_FRONT, FieldType.PLAKETTEN_CODE_REAR, FieldType.PLAKETTEN_CODE_SHARED_PART,
                FieldType.ZB1_CODE, FieldType.ZB2_CODE)) {
            assertEquals(Editor.TEXT, code.editor(), code.name());
            assertEquals(Set.of(InputHint.CASE_SENSITIVE), code.hints(), code.name());
            String printed = code == FieldType.ZB1_CODE ? "Ab3De4F" : code == FieldType.ZB2_CODE ? "Hx7Rt2Qa9Lm3" : "K7m";
            Field field = Field.required("code", code, LocalizedText.german("Code"), null);
            assertEquals(printed, code.normalise(printed, field), code.name() + " keeps the case");
        }
        assertEquals(Set.of(InputHint.NUMERIC), FieldType.MONTH.hints());
        assertEquals(STANDARD.size(), STANDARD.stream().map(FieldType::name).distinct().count(), "names are unique");
    }

    /** A refused answer's message is the applicant's, in their language, and never repeats a secret. */
    @Test
    void aRefusedAnswerSaysWhyWithoutRepeatingASecret() {
        Field zb1 = Field.required("zb1Code", FieldType.ZB1_CODE, LocalizedText.german("Code"), null);
        InvalidAnswerException refused = assertThrows(InvalidAnswerException.class, () -> FieldType.ZB1_CODE.normalise("Ab3De4", zb1));
        assertFalse(refused.getMessage(Locale.GERMAN).contains("Ab3De4"));
        assertNotEquals(refused.getMessage(Locale.GERMAN), refused.getMessage(Locale.ENGLISH));
        assertEquals(refused.getMessage(Locale.GERMAN), refused.getMessage(Locale.FRENCH), "German where there is no translation");
        Field choice = Field.builder("art", FieldType.CHOICE, LocalizedText.german("Art")).choices(List.of(new Choice("a",
                LocalizedText.german("A")))).build();
        assertEquals("a", FieldType.CHOICE.normalise("a", choice));
        assertThrows(InvalidAnswerException.class, () -> FieldType.CHOICE.normalise("b", choice));
    }

    /** A type of another bundle: a field asks with its editor; a choice editor without choices is refused as before. */
    @Test
    void aTypeOfAnotherBundleIsAFieldTypeLikeTheOthers() {
        FieldType colour = new FieldType() {
            @Override
            public String name() {
                return "EXAMPLE_FARBE";
            }

            @Override
            public Editor editor() {
                return Editor.CHOICE;
            }

            @Override
            public String normalise(String answer, Field field) {
                return FieldType.CHOICE.normalise(answer, field);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Field.builder("farbe", colour, LocalizedText.german("Farbe")).build());
        Field farbe = Field.builder("farbe", colour, LocalizedText.german("Farbe"))
                .choices(List.of(new Choice("rot", LocalizedText.of("Rot", "Red")))).optional().build();
        assertFalse(farbe.required());
        assertFalse(farbe.type().secret(), "not secret unless it says so");
        assertEquals(Set.of(), farbe.type().hints());
    }
}
