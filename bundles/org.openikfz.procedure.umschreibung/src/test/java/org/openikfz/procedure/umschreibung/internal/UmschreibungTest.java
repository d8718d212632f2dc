package org.openikfz.procedure.umschreibung.internal;

import org.openikfz.api.dialog.SharedFields;
import java.util.EnumSet;
import java.util.Set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.procedure.Evaluation;
import org.openikfz.api.procedure.Output;

class UmschreibungTest {

    private final Umschreibung procedure = new Umschreibung();

    record Case(Answers answers, Map<String, String> facts) implements Evaluation {

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

        @Override
        public LocalDate today() {
            return LocalDate.of(2026, 12, 2);
        }
    }

    private static Answers answers(String anlass, String herkunft, String wahl) {
        Map<String, String> a = new HashMap<>(Map.of(Umschreibung.ANLASS, anlass, Umschreibung.HERKUNFT, herkunft,
                SharedFields.HINWEIS_GELESEN, "true"));
        if (wahl != null) {
            a.put(SharedFields.KENNZEICHEN_WAHL, wahl);
        }
        return new Answers(a);
    }

    /** The GebOSt items charged, as the engine would: only rules whose condition holds. */
    private List<String> fees(Answers answers) {
        return procedure.description().fees().stream().filter(r -> r.applies(answers)).map(FeeRule::item).toList();
    }

    @Test
    void eachCaseIsChargedItsOwnGebOStItem() {
        // GebOSt 225.1: an internet address change within the district, 11.40 €
        assertEquals(List.of("225.1"), fees(answers(Umschreibung.UMZUG, Umschreibung.BEZIRK, null)));
        // GebOSt 221.8.1: a change of holder within the district keeping the plate, 17.00 €
        assertEquals(List.of("221.8.1"), fees(answers(Umschreibung.HALTERWECHSEL, Umschreibung.BEZIRK, SharedFields.WAHL_BEHALTEN)));
        // GebOSt 221.10.1 with its own 0.30 € for the HU sticker's carrier (S. 2); 228.3 does not apply with 221 (2019 memo)
        assertEquals(List.of("221.10.1", "221.10.1 S. 2"), fees(answers(Umschreibung.HALTERWECHSEL, Umschreibung.BEZIRK, SharedFields.WAHL_ZUTEILEN)));
        assertEquals(List.of("221.9.1"), fees(answers(Umschreibung.UMZUG, Umschreibung.ANDERER, SharedFields.WAHL_BEHALTEN)));
        assertEquals(List.of("221.2.1", "220"), fees(answers(Umschreibung.HALTERWECHSEL, Umschreibung.ANDERER, SharedFields.WAHL_WUNSCH)));
    }

    @Test
    void aMoveNeedsNoEvbNoSepaAndKeepingThePlateNoZb2() {
        Answers move = answers(Umschreibung.UMZUG, Umschreibung.ANDERER, SharedFields.WAHL_BEHALTEN);
        var dialog = procedure.description().dialog();
        assertTrue(dialog.steps().stream().filter(s -> s.id().equals("versicherung") || s.id().equals("steuer")).noneMatch(s -> s.visible(move)));
        assertTrue(!dialog.field(SharedFields.ZB2_CODE).orElseThrow().visible(move));
        Answers holderChange = answers(Umschreibung.HALTERWECHSEL, Umschreibung.BEZIRK, SharedFields.WAHL_BEHALTEN);
        assertTrue(dialog.field(SharedFields.ZB2_CODE).orElseThrow().visible(holderChange));
    }

    @Test
    void thePreviousHolderIsToldOnlyOfAChangeOfHolder() {
        assertTrue(procedure.outputs(answers(Umschreibung.HALTERWECHSEL, Umschreibung.BEZIRK, SharedFields.WAHL_BEHALTEN))
                .contains(Output.NOTICE_TO_PREVIOUS_HOLDER));
        assertTrue(!procedure.outputs(answers(Umschreibung.UMZUG, Umschreibung.BEZIRK, null)).contains(Output.NOTICE_TO_PREVIOUS_HOLDER));
    }

    @Test
    void theRegisterDecidesWhetherTheVehicleComesFromAnotherDistrict() {
        CheckResult result = procedure.evaluate(new Case(answers(Umschreibung.UMZUG, Umschreibung.BEZIRK, null),
                Map.of(Facts.ZFZR_REGISTERED.name(), "true", Facts.ZFZR_AUTHORITY.name(), "C", Facts.ZFZR_APPLICANT_IS_HOLDER.name(), "true")));
        assertEquals(Umschreibung.HERKUNFT, assertInstanceOf(CheckResult.Opposed.class, result).findings().get(0).fieldId());
        CheckResult moved = procedure.evaluate(new Case(answers(Umschreibung.UMZUG, Umschreibung.ANDERER, SharedFields.WAHL_BEHALTEN),
                Map.of(Facts.ZFZR_REGISTERED.name(), "true", Facts.ZFZR_AUTHORITY.name(), "C", Facts.ZFZR_APPLICANT_IS_HOLDER.name(), "true")));
        assertInstanceOf(CheckResult.Clear.class, moved);
    }

    @Test
    void aMoveIsTheHoldersOwnAndAChangeOfHolderIsSomeoneElses() {
        CheckResult notHolder = procedure.evaluate(new Case(answers(Umschreibung.UMZUG, Umschreibung.BEZIRK, null),
                Map.of(Facts.ZFZR_REGISTERED.name(), "true", Facts.ZFZR_AUTHORITY.name(), "ERZ", Facts.ZFZR_APPLICANT_IS_HOLDER.name(), "false")));
        assertEquals(Umschreibung.ANLASS, assertInstanceOf(CheckResult.Opposed.class, notHolder).findings().get(0).fieldId());
        CheckResult already = procedure.evaluate(new Case(answers(Umschreibung.HALTERWECHSEL, Umschreibung.BEZIRK, SharedFields.WAHL_BEHALTEN),
                Map.of(Facts.ZFZR_REGISTERED.name(), "true", Facts.ZFZR_AUTHORITY.name(), "ERZ", Facts.ZFZR_APPLICANT_IS_HOLDER.name(), "true")));
        assertEquals(Umschreibung.ANLASS, assertInstanceOf(CheckResult.Opposed.class, already).findings().get(0).fieldId());
    }

    /**
     * 2019: § 15i(4) S. 1 Nr. 1 and 3 — the ZB I always; the ZB II unless the holder moved keeping the plate (§ 15l(3)
     * S. 2 Nr. 2); seals and the HU sticker only with a new plate (§ 15l(4) Nr. 3).
     */
    @Test
    void eachCaseGetsTheDocumentsTheOrdinanceSends() {
        assertEquals(Set.of(Output.ZB1_BY_POST, Output.ZB2_BY_POST),
                posted(answers(Umschreibung.HALTERWECHSEL, Umschreibung.BEZIRK, SharedFields.WAHL_BEHALTEN)));
        assertEquals(Set.of(Output.ZB1_BY_POST, Output.ZB2_BY_POST, Output.SEAL_CARRIERS_BY_POST, Output.HU_SEAL_CARRIER_BY_POST),
                posted(answers(Umschreibung.HALTERWECHSEL, Umschreibung.BEZIRK, SharedFields.WAHL_ZUTEILEN)));
        assertEquals(Set.of(Output.ZB1_BY_POST), posted(answers(Umschreibung.UMZUG, Umschreibung.BEZIRK, null)));
        assertEquals(Set.of(Output.ZB1_BY_POST), posted(answers(Umschreibung.UMZUG, Umschreibung.ANDERER, SharedFields.WAHL_BEHALTEN)));
        assertEquals(Set.of(Output.ZB1_BY_POST, Output.ZB2_BY_POST, Output.SEAL_CARRIERS_BY_POST, Output.HU_SEAL_CARRIER_BY_POST),
                posted(answers(Umschreibung.UMZUG, Umschreibung.ANDERER, SharedFields.WAHL_WUNSCH)));
    }

    private Set<Output> posted(Answers answers) {
        Set<Output> contents = EnumSet.of(Output.ZB1_BY_POST, Output.ZB2_BY_POST, Output.SEAL_CARRIERS_BY_POST, Output.HU_SEAL_CARRIER_BY_POST);
        contents.retainAll(procedure.outputs(new Case(answers, Map.of())));
        return contents;
    }

    /** Its texts are in its resource files, German and English complete. */
    @org.junit.jupiter.api.Test
    void everyTextIsThereInGermanAndEnglish() {
        org.openikfz.api.text.Texts texts = org.openikfz.api.text.Texts.of(Umschreibung.class, "OSGI-INF/l10n/umschreibung");
        org.junit.jupiter.api.Assertions.assertFalse(texts.keys().isEmpty());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), texts.untranslated("en"), "without English");
    }
}
