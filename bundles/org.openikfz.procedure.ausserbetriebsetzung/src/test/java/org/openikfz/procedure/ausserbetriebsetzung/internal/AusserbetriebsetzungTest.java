package org.openikfz.procedure.ausserbetriebsetzung.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.Notice;

class AusserbetriebsetzungTest {

    private final Ausserbetriebsetzung procedure = new Ausserbetriebsetzung();

    @Test
    void warningComesBeforeAnySecurityCode() {
        boolean warned = false;
        for (DialogStep step : procedure.description().dialog().steps()) {
            if (step.notices().stream().anyMatch(n -> n.kind() == Notice.Kind.WARNING)) {
                warned = true;
            }
            for (Field field : step.fields()) {
                if (field.type().secret()) {
                    assertTrue(warned, "field " + field.id() + " asks for a code before the warning");
                    // on the warning's screen, shown only once the warning is confirmed
                    assertFalse(field.visible(new org.openikfz.api.dialog.Answers(java.util.Map.of("hinweisGelesen", "false"))), field.id());
                }
            }
        }
        assertTrue(warned);
    }

    @Test
    void conditionsReferToEarlierFieldsAndEveryTextHasEnglish() {
        Set<String> seen = new HashSet<>();
        for (DialogStep step : procedure.description().dialog().steps()) {
            assertTrue(!step.title().get(Locale.ENGLISH).equals(step.title().get(Locale.GERMAN)), step.id());
            for (Field field : step.fields()) {
                if (field.visibleWhen() != null) {
                    assertTrue(seen.contains(field.visibleWhen().fieldId()), field.id() + " depends on a later field");
                }
                assertTrue(field.label().texts().containsKey("en"), field.id());
                seen.add(field.id());
            }
        }
    }

    @Test
    void notConfirmingTheWarningOpposes() {
        CheckResult result = procedure.evaluate(answers(Map.of(Ausserbetriebsetzung.HINWEIS_GELESEN, "false")));
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, result);
        assertEquals(Ausserbetriebsetzung.HINWEIS_GELESEN, opposed.findings().get(0).fieldId());
    }

    @Test
    void wechselkennzeichenNeedsTheSharedSealWhenNoOtherVehicleStays() {
        Map<String, String> base = Map.of(Ausserbetriebsetzung.HINWEIS_GELESEN, "true",
                Ausserbetriebsetzung.WECHSELKENNZEICHEN, "true", Ausserbetriebsetzung.WECHSEL_ANDERES_FAHRZEUG, "false");
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, procedure.evaluate(answers(base)));
        assertEquals(List.of(Ausserbetriebsetzung.PLAKETTE_WECHSEL), opposed.findings().stream().map(f -> f.fieldId()).toList());

        Answers withCode = answers(base).with(Ausserbetriebsetzung.PLAKETTE_WECHSEL, "AbC");
        assertInstanceOf(CheckResult.Clear.class, procedure.evaluate(withCode));
        Answers otherStays = answers(base).with(Ausserbetriebsetzung.WECHSEL_ANDERES_FAHRZEUG, "true");
        assertInstanceOf(CheckResult.Clear.class, procedure.evaluate(otherStays));
    }

    private static Answers answers(Map<String, String> values) {
        return new Answers(values);
    }

    record Facts(Answers answers, Map<String, String> facts) implements org.openikfz.api.procedure.Evaluation {

        @Override
        public <T> java.util.Optional<T> fact(org.openikfz.api.check.FactKey<T> key) {
            return key.from(facts);
        }
        @Override
        public java.util.Optional<org.openikfz.api.connector.VerifiedIdentity> applicant() {
            return java.util.Optional.empty();
        }

        @Override
        public String authority() {
            return "ERZ";
        }

        @Override
        public java.time.LocalDate today() {
            return java.time.LocalDate.of(2026, 12, 2);
        }
    }

    @Test
    void aVehicleTheRegisterHasOffTheRoadAlreadyIsOpposedOnThePlate() {
        Answers answers = new Answers(Map.of(Ausserbetriebsetzung.HINWEIS_GELESEN, "true"));
        CheckResult registered = procedure.evaluate(new Facts(answers, Map.of(org.openikfz.api.check.Facts.ZFZR_REGISTERED.name(), "true")));
        assertInstanceOf(CheckResult.Clear.class, registered);
        CheckResult off = procedure.evaluate(new Facts(answers, Map.of(org.openikfz.api.check.Facts.ZFZR_REGISTERED.name(), "false")));
        assertEquals(Ausserbetriebsetzung.KENNZEICHEN, assertInstanceOf(CheckResult.Opposed.class, off).findings().get(0).fieldId());
    }

    /**
     * FZV § 24 (2019: § 15h(3)): the holder is told in writing when someone else applied. Whether the
     * applicant is the holder comes from the register's comparison with the identified applicant, not
     * from the applicant's own answer.
     */
    @Test
    void theHolderIsInformedInWritingUnlessTheRegisterNamesTheApplicantAsHolder() {
        String isHolder = org.openikfz.api.check.Facts.ZFZR_APPLICANT_IS_HOLDER.name();
        var notice = org.openikfz.api.procedure.Output.NOTICE_TO_HOLDER;
        Answers saysHolder = new Answers(Map.of(Ausserbetriebsetzung.HALTER, "true"));
        Answers saysOther = new Answers(Map.of(Ausserbetriebsetzung.HALTER, "false"));
        // identified as Max, the register names Erika: Erika is told although Max answered "I am the holder"
        assertTrue(procedure.outputs(new Facts(saysHolder, Map.of(isHolder, "false"))).contains(notice));
        // not identified: the register cannot compare, so the holder is told
        assertTrue(procedure.outputs(new Facts(saysHolder, Map.of())).contains(notice));
        // the register names the identified applicant as holder: no notice, whatever the answer
        assertTrue(!procedure.outputs(new Facts(saysHolder, Map.of(isHolder, "true"))).contains(notice));
        assertTrue(!procedure.outputs(new Facts(saysOther, Map.of(isHolder, "true"))).contains(notice));
    }

    /** FZV § 25 (2019: § 15g(3)): a Verwertungsnachweis dated after today was not issued yet. */
    @Test
    void aVerwertungsnachweisFromTheFutureIsAFinding() {
        // Facts' today is 2026-12-02
        Answers tomorrow = new Answers(Map.of(Ausserbetriebsetzung.HINWEIS_GELESEN, "true", Ausserbetriebsetzung.VERWERTET, "true",
                Ausserbetriebsetzung.VERWERTUNG_DATUM, "2026-12-03", Ausserbetriebsetzung.VERWERTUNG_BETRIEB, "12345678"));
        CheckResult future = procedure.evaluate(new Facts(tomorrow, Map.of()));
        assertEquals(Ausserbetriebsetzung.VERWERTUNG_DATUM, assertInstanceOf(CheckResult.Opposed.class, future).findings().get(0).fieldId());
        Answers today = new Answers(Map.of(Ausserbetriebsetzung.HINWEIS_GELESEN, "true", Ausserbetriebsetzung.VERWERTET, "true",
                Ausserbetriebsetzung.VERWERTUNG_DATUM, "2026-12-02", Ausserbetriebsetzung.VERWERTUNG_BETRIEB, "12345678"));
        assertInstanceOf(CheckResult.Clear.class, procedure.evaluate(new Facts(today, Map.of())));
    }

    /** Its texts are in its resource files, German and English complete. */
    @org.junit.jupiter.api.Test
    void everyTextIsThereInGermanAndEnglish() {
        org.openikfz.api.text.Texts texts = org.openikfz.api.text.Texts.of(Ausserbetriebsetzung.class, "OSGI-INF/l10n/ausserbetriebsetzung");
        org.junit.jupiter.api.Assertions.assertFalse(texts.keys().isEmpty());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), texts.untranslated("en"), "without English");
    }
}
