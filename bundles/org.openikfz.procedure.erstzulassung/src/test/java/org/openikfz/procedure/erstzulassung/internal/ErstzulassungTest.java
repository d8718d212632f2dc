package org.openikfz.procedure.erstzulassung.internal;

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
import org.openikfz.api.procedure.Registration;

class ErstzulassungTest {

    private final Erstzulassung procedure = new Erstzulassung();

    record Case(Answers answers) implements Evaluation {
        @Override
        public Map<String, String> facts() {
            return Map.of();
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
        assertTrue(fields.stream().noneMatch(f -> f.id().equals(Registration.KENNZEICHEN) || f.id().equals(Registration.HU_NAECHSTE)));
        assertTrue(procedure.description().checks().contains(CheckId.KBA_REFERENZ));
        assertTrue(!procedure.description().checks().contains(CheckId.ZFZR) && !procedure.description().checks().contains(CheckId.HU_NACHWEIS));
    }

    @Test
    void theZb2FormNumberMustLookLikeOne() {
        Map<String, String> a = new HashMap<>(Map.of(Registration.HINWEIS_GELESEN, "true", Erstzulassung.ZB2_VORDRUCKNUMMER, "ab 1234567"));
        assertInstanceOf(CheckResult.Clear.class, procedure.evaluate(new Case(new Answers(a))));
        a.put(Erstzulassung.ZB2_VORDRUCKNUMMER, "1234567");
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, procedure.evaluate(new Case(new Answers(a))));
        assertEquals(Erstzulassung.ZB2_VORDRUCKNUMMER, opposed.findings().get(0).fieldId());
    }
}
