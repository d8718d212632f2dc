package org.openikfz.procedure.wiederzulassung.internal;

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
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.Evaluation;

class WiederzulassungTest {

    private final Wiederzulassung procedure = new Wiederzulassung();

    record Case(Answers answers, Map<String, String> facts, LocalDate today) implements Evaluation {

        @Override
        public <T> java.util.Optional<T> fact(org.openikfz.api.check.FactKey<T> key) {
            return key.from(facts);
        }
        @Override
        public Optional<VerifiedIdentity> applicant() {
            return Optional.empty();
        }

        @Override
        public String authority() {
            return "ERZ";
        }
    }

    private static Answers fine(String... extra) {
        Map<String, String> a = new HashMap<>(Map.of(SharedFields.HINWEIS_GELESEN, "true", SharedFields.VERSICHERUNGSFREI, "false",
                SharedFields.ZULASSUNGSFREI, "false", SharedFields.FAHRZEUGDATEN_GEAENDERT, "false", SharedFields.AUSNAHME_HALTER, "false",
                Wiederzulassung.SELBER_HALTER, "true"));
        for (int i = 0; i < extra.length; i += 2) {
            a.put(extra[i], extra[i + 1]);
        }
        return new Answers(a);
    }

    private CheckResult offSince(LocalDate deregistered, LocalDate today) {
        return procedure.evaluate(new Case(fine(), Map.of(Facts.ZFZR_REGISTERED.name(), "false",
                Facts.ZFZR_DEREGISTERED_ON.name(), deregistered.toString()), today));
    }

    @Test
    void sevenYearsOffTheRoadIsStillPossibleOnlineSevenYearsAndADayIsNot() {
        LocalDate today = LocalDate.of(2026, 12, 2);
        // FZV § 29 (2019: § 15k(2)): not longer than seven years
        assertInstanceOf(CheckResult.Clear.class, offSince(LocalDate.of(2019, 12, 2), today));
        CheckResult late = offSince(LocalDate.of(2019, 12, 1), today);
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, late);
        assertEquals(SharedFields.KENNZEICHEN, opposed.findings().get(0).fieldId());
        assertTrue(opposed.findings().get(0).message().get(java.util.Locale.GERMAN).contains("sieben Jahre"));
    }

    @Test
    void aVehicleStillRegisteredCannotBeRegisteredAgain() {
        CheckResult result = procedure.evaluate(new Case(fine(), Map.of(Facts.ZFZR_REGISTERED.name(), "true"), LocalDate.of(2026, 12, 2)));
        assertEquals(SharedFields.KENNZEICHEN, assertInstanceOf(CheckResult.Opposed.class, result).findings().get(0).fieldId());
    }

    @Test
    void withoutTheRegistersDateTheClerksDecide() {
        CheckResult result = procedure.evaluate(new Case(fine(), Map.of(Facts.ZFZR_REGISTERED.name(), "false"), LocalDate.of(2026, 12, 2)));
        assertInstanceOf(CheckResult.Failed.class, result);
    }

    @Test
    void theSameHolderNeedsNoZb2CodeButTheRegisterMustAgree() {
        Map<String, String> facts = Map.of(Facts.ZFZR_REGISTERED.name(), "false", Facts.ZFZR_DEREGISTERED_ON.name(), "2024-03-15",
                Facts.ZFZR_APPLICANT_IS_HOLDER.name(), "false");
        CheckResult result = procedure.evaluate(new Case(fine(), facts, LocalDate.of(2026, 12, 2)));
        assertEquals(Wiederzulassung.SELBER_HALTER, assertInstanceOf(CheckResult.Opposed.class, result).findings().get(0).fieldId());
        var zb2 = procedure.description().dialog().field(SharedFields.ZB2_CODE).orElseThrow();
        assertTrue(!zb2.visible(fine()), "same holder: no ZB II code asked");
        assertTrue(zb2.visible(fine(Wiederzulassung.SELBER_HALTER, "false")));
    }

    @Test
    void anHPlateIsNotAssignedForTheFirstTimeOnline() {
        Answers answers = fine(SharedFields.KENNZEICHEN_WAHL, SharedFields.WAHL_ZUTEILEN, SharedFields.KENNZEICHEN_ART, SharedFields.ART_HISTORISCH);
        CheckResult result = procedure.evaluate(new Case(answers, Map.of(Facts.ZFZR_REGISTERED.name(), "false",
                Facts.ZFZR_DEREGISTERED_ON.name(), "2024-03-15"), LocalDate.of(2026, 12, 2)));
        assertEquals(SharedFields.KENNZEICHEN_ART, assertInstanceOf(CheckResult.Opposed.class, result).findings().get(0).fieldId());
    }

    /**
     * GebOSt 221.7 (2019 Artikel 4 Nr. 7): same district, same holder, reserved plate — not 221.1.1, which excludes that
     * case; each with its own 0.30 € for the HU sticker's carrier (228.3 does not apply with 221).
     */
    @Test
    void aReservedPlateForTheSameHolderIsCharged2217Not22111() {
        assertEquals(List.of("221.7", "221.7 S. 2"), fees(fine(SharedFields.KENNZEICHEN_WAHL, SharedFields.WAHL_RESERVIERT)));
        assertEquals(List.of("221.1.1", "221.1.1 S. 2"), fees(fine(SharedFields.KENNZEICHEN_WAHL, SharedFields.WAHL_ZUTEILEN)));
        assertEquals(List.of("221.1.1", "221.1.1 S. 2"),
                fees(fine(SharedFields.KENNZEICHEN_WAHL, SharedFields.WAHL_RESERVIERT, Wiederzulassung.SELBER_HALTER, "false")));
        assertEquals(List.of("221.1.1", "221.1.1 S. 2", "220"), fees(fine(SharedFields.KENNZEICHEN_WAHL, SharedFields.WAHL_WUNSCH)));
    }

    /** 2019: § 15i(4) S. 1 — ZB I, seals and HU sticker by post; the ZB II only for a new holder (§ 15k(4) Nr. 2). */
    @Test
    void theSameHolderGetsNoNewZb2() {
        Set<Output> same = procedure.outputs(new Case(fine(), Map.of(), LocalDate.of(2026, 12, 2)));
        assertTrue(same.containsAll(Set.of(Output.ZB1_BY_POST, Output.SEAL_CARRIERS_BY_POST, Output.HU_SEAL_CARRIER_BY_POST)), same.toString());
        assertTrue(!same.contains(Output.ZB2_BY_POST));
        assertTrue(procedure.outputs(new Case(fine(Wiederzulassung.SELBER_HALTER, "false"), Map.of(), LocalDate.of(2026, 12, 2)))
                .contains(Output.ZB2_BY_POST));
    }

    private List<String> fees(Answers answers) {
        return procedure.description().fees().stream().filter(r -> r.applies(answers)).map(org.openikfz.api.fee.FeeRule::item).toList();
    }

    /** Its texts are in its resource files, German and English complete. */
    @org.junit.jupiter.api.Test
    void everyTextIsThereInGermanAndEnglish() {
        org.openikfz.api.text.Texts texts = org.openikfz.api.text.Texts.of(Wiederzulassung.class, "OSGI-INF/l10n/wiederzulassung");
        org.junit.jupiter.api.Assertions.assertFalse(texts.keys().isEmpty());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), texts.untranslated("en"), "without English");
    }
}
