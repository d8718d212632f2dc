package org.openikfz.procedure.erstzulassung.internal;

import org.openikfz.api.dialog.SharedFields;
import org.openikfz.api.procedure.Output;
import java.util.Set;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.procedure.Evaluation;

class ErstzulassungTest {

    private final Erstzulassung procedure = new Erstzulassung();

    record Case(Answers answers) implements Evaluation {
        @Override
        public <T> Optional<T> fact(org.openikfz.api.check.FactKey<T> key) {
            return Optional.empty();
        }

        @Override
        public Optional<VerifiedIdentity> applicant() {
            return Optional.empty();
        }

        @Override
        public String authority() {
            return "ERZ";
        }

        @Override
        public LocalDate today() {
            return LocalDate.of(2026, 12, 2);
        }
    }

    @Test
    void aFirstRegistrationAsksForNoZb1NoOldPlateAndNoHu() {
        // 2019: § 15j(2) — no ZB I, no plate to enter, no HU dates
        var fields = procedure.description().dialog().steps().stream().flatMap(s -> s.fields().stream()).toList();
        assertTrue(fields.stream().noneMatch(f -> f.type() == FieldType.ZB1_CODE));
        assertTrue(fields.stream().noneMatch(f -> f.id().equals(SharedFields.KENNZEICHEN) || f.id().equals(SharedFields.HU_NAECHSTE)));
        assertTrue(procedure.description().checks().contains(CheckId.KBA_REFERENZ));
        assertTrue(!procedure.description().checks().contains(CheckId.ZFZR) && !procedure.description().checks().contains(CheckId.HU_NACHWEIS));
    }

    @Test
    void theZb2FormNumberMustLookLikeOne() {
        Map<String, String> a = new HashMap<>(Map.of(SharedFields.HINWEIS_GELESEN, "true", Erstzulassung.ZB2_VORDRUCKNUMMER, "ab 1234567"));
        assertInstanceOf(CheckResult.Clear.class, procedure.evaluate(new Case(new Answers(a))));
        a.put(Erstzulassung.ZB2_VORDRUCKNUMMER, "1234567");
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, procedure.evaluate(new Case(new Answers(a))));
        assertEquals(Erstzulassung.ZB2_VORDRUCKNUMMER, opposed.findings().get(0).fieldId());
    }

    /**
     * 2019: § 15i(4) S. 1 — ZB I, ZB II, the seals and the first HU sticker go by post; the sticker's carrier is charged
     * under 221.1.1 S. 2 (0.30 €), not 228.3 (2019 memo: "die bei Gebühren-Nummer 221 nicht zur Anwendung gelangt").
     */
    @Test
    void aFirstRegistrationSendsBothCertificatesSealsAndTheHuStickerItIsChargedFor() {
        Set<Output> outputs = procedure.outputs(new Case(new Answers(Map.of())));
        assertTrue(outputs.containsAll(Set.of(Output.ZB1_BY_POST, Output.ZB2_BY_POST, Output.SEAL_CARRIERS_BY_POST,
                Output.HU_SEAL_CARRIER_BY_POST)), outputs.toString());
        List<String> items = procedure.description().fees().stream().filter(r -> r.applies(new Answers(Map.of())))
                .map(org.openikfz.api.fee.FeeRule::item).toList();
        assertEquals(List.of("221.1.1", "221.1.1 S. 2"), items);
    }

    /** Its texts are in its resource files, German and English complete. */
    @org.junit.jupiter.api.Test
    void everyTextIsThereInGermanAndEnglish() {
        org.openikfz.api.text.Texts texts = org.openikfz.api.text.Texts.of(Erstzulassung.class, "OSGI-INF/l10n/erstzulassung");
        org.junit.jupiter.api.Assertions.assertFalse(texts.keys().isEmpty());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), texts.untranslated("en"), "without English");
    }
}
