package org.openikfz.procedure.namensaenderung.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.SharedFields;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Evaluation;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.ProcedureDescription;

/** The change of the holder's name: its description and its own conditions, without the framework. */
class NamensaenderungTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final LocalDate ERIKA_BORN = LocalDate.of(1964, 8, 12);

    private final Namensaenderung procedure = new Namensaenderung();
    private final ProcedureDescription description = procedure.description();

    /** An evaluation as the engine gives it: the answers, the register's facts and the identified applicant. */
    record Case(Answers answers, Map<String, String> facts, VerifiedIdentity applicantIdentity) implements Evaluation {

        @Override
        public <T> Optional<T> fact(FactKey<T> key) {
            return key.from(facts);
        }

        @Override
        public Optional<VerifiedIdentity> applicant() {
            return Optional.ofNullable(applicantIdentity);
        }

        @Override
        public String authority() {
            return "ERZ";
        }

        @Override
        public LocalDate today() {
            return TODAY;
        }
    }

    private static Map<String, String> answers() {
        return new HashMap<>(Map.of(Namensaenderung.GRUND, Namensaenderung.HEIRAT, Namensaenderung.SEIT, "2026-11-20",
                Namensaenderung.AUSWEIS, "true", SharedFields.KENNZEICHEN, "ERZ-AB 123", Namensaenderung.HALTER, "true",
                SharedFields.HINWEIS_GELESEN, "true"));
    }

    /** The register knows Erika under her former name, registered here. */
    private static Map<String, String> register() {
        return new HashMap<>(Map.of(Facts.ZFZR_REGISTERED.name(), "true", Facts.ZFZR_AUTHORITY.name(), "ERZ",
                Facts.ZFZR_HOLDER_NAME.name(), "Erika Gabler", Facts.ZFZR_HOLDER_DATE_OF_BIRTH.name(), ERIKA_BORN.toString()));
    }

    private static VerifiedIdentity erika(String name, LocalDate born) {
        return new VerifiedIdentity("erika", new Holder(name, "Hauptstraße 1", "09456", "Annaberg-Buchholz", born), "substantial", false);
    }

    private CheckResult evaluate(Map<String, String> answers, Map<String, String> register, VerifiedIdentity applicant) {
        return procedure.evaluate(new Case(new Answers(answers), register, applicant));
    }

    private static List<String> findingFields(CheckResult result) {
        return assertInstanceOf(CheckResult.Opposed.class, result).findings().stream().map(Finding::fieldId).toList();
    }

    @Test
    void theHolderWithANewNameInHerIdIsClearedForTheClerks() {
        assertInstanceOf(CheckResult.Clear.class, evaluate(answers(), register(), erika("Erika Mustermann", ERIKA_BORN)));
        // FZV § 19(1) S. 4: no automated decision for a change under § 15
        assertEquals(DecisionPolicy.MANUAL, description.decisionPolicy());
        // FZV § 20(1): the new name comes from the identification, so it is required and comes first
        assertEquals(Identification.REQUIRED, description.identification());
    }

    @Test
    void theSameNameAsInTheRegisterIsOpposedAtTheIdQuestion() {
        // the ID does not bear the new name yet (case and blanks do not make a new name)
        assertEquals(List.of(Namensaenderung.AUSWEIS), findingFields(evaluate(answers(), register(), erika(" erika GABLER ", ERIKA_BORN))));
    }

    @Test
    void anotherPersonThanTheRegisteredHolderIsOpposed() {
        assertEquals(List.of(Namensaenderung.HALTER), findingFields(evaluate(answers(), register(), erika("Erika Mustermann", ERIKA_BORN.plusDays(1)))));
    }

    @Test
    void aDeregisteredVehicleOrOneOfAnotherAuthorityIsOpposedAtThePlate() {
        Map<String, String> deregistered = register();
        deregistered.put(Facts.ZFZR_REGISTERED.name(), "false");
        assertEquals(List.of(SharedFields.KENNZEICHEN), findingFields(evaluate(answers(), deregistered, erika("Erika Mustermann", ERIKA_BORN))));
        Map<String, String> elsewhere = register();
        elsewhere.put(Facts.ZFZR_AUTHORITY.name(), "Z");
        assertEquals(List.of(SharedFields.KENNZEICHEN), findingFields(evaluate(answers(), elsewhere, erika("Erika Mustermann", ERIKA_BORN))));
    }

    @Test
    void aNameBorneOnlyFromTomorrowIsOpposed() {
        Map<String, String> answers = answers();
        answers.put(Namensaenderung.SEIT, TODAY.plusDays(1).toString());
        assertEquals(List.of(Namensaenderung.SEIT), findingFields(evaluate(answers, register(), erika("Erika Mustermann", ERIKA_BORN))));
        answers.put(Namensaenderung.SEIT, TODAY.toString());
        assertInstanceOf(CheckResult.Clear.class, evaluate(answers, register(), erika("Erika Mustermann", ERIKA_BORN)));
    }

    @Test
    void theWarningBeforeTheCodesMustBeConfirmed() {
        Map<String, String> answers = answers();
        answers.put(SharedFields.HINWEIS_GELESEN, "false");
        assertEquals(List.of(SharedFields.HINWEIS_GELESEN), findingFields(evaluate(answers, register(), erika("Erika Mustermann", ERIKA_BORN))));
    }

    @Test
    void bothCodesComeLastAfterEveryQuestionThatCanStopTheApplication() {
        List<DialogStep> steps = description.dialog().steps();
        DialogStep last = steps.get(steps.size() - 1);
        // FZV § 15(1) S. 1: ZB I and, for the holder's data, ZB II
        assertEquals(Set.of(SharedFields.ZB1_CODE, SharedFields.ZB2_CODE),
                Set.copyOf(last.fields().stream().filter(f -> f.type().secret()).map(Field::id).toList()));
        assertTrue(steps.subList(0, steps.size() - 1).stream().flatMap(s -> s.fields().stream()).noneMatch(f -> f.type().secret()),
                "no code before the last step");
        // FZV § 21: what cannot be done online is said before any code
        assertTrue(steps.get(0).stops().stream().anyMatch(s -> s.when().fieldId().equals(Namensaenderung.AUSWEIS)));
        assertTrue(steps.get(1).stops().stream().anyMatch(s -> s.when().fieldId().equals(Namensaenderung.HALTER)));
    }

    @Test
    void theRegisterIsAskedAndWhatTheRulesJudgeIsDeclared() {
        assertEquals(List.of(CheckId.ZUSTAENDIGKEIT, CheckId.ZFZR), description.checks());
        assertEquals(Set.of(Facts.ZFZR_REGISTERED, Facts.ZFZR_AUTHORITY, Facts.ZFZR_HOLDER_NAME, Facts.ZFZR_HOLDER_DATE_OF_BIRTH), procedure.needs());
        assertEquals(List.of("225", "225 S. 2"), description.fees().stream().map(FeeRule::item).toList());
    }

    @Test
    void everyTextIsInGermanAndEnglish() {
        assertEquals(Set.of(), Namensaenderung.TEXTS.untranslated("en"), "keys of texts.properties without English");
        assertEquals("Namensänderung melden", description.title().get(Locale.GERMAN));
        assertEquals("Report a change of name", description.title().get(Locale.ENGLISH));
    }
}
