package org.openikfz.testing.check;

import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.FactKey;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Land;

/**
 * A check's view of an application, as the engine would give it: one dialog step with these fields.
 * Shared by the check bundles' tests through the API's test jar.
 */
public record FakeContext(ProcedureDescription description, Answers answers, Map<String, String> facts,
        Optional<VerifiedIdentity> applicant, LocalDate today, String authority, UUID application, Land land) implements CheckContext {

    public static final UUID APPLICATION = UUID.fromString("00000000-0000-0000-0000-00000000abcd");
    public static final VerifiedIdentity ERIKA = new VerifiedIdentity("pseudonym-1",
            new Holder("Erika Mustermann", "Hauptstraße 1", "09456", "Annaberg-Buchholz", LocalDate.of(1964, 8, 12)),
            "high");

    public FakeContext {
        facts = Map.copyOf(facts);
    }

    public static FakeContext with(Field... fields) {
        ProcedureDescription description = ProcedureDescription.builder(new ProcedureId("beispiel"), LocalizedText.german("Beispiel"))
                .summary(LocalizedText.german("Beispiel"))
                .applicants(Set.of(Applicant.NATURAL_PERSON))
                .dialog(new Dialog(List.of(DialogStep.builder("s", LocalizedText.german("S"))
                        .fields(List.of(fields))
                        .build())))
                .decisionPolicy(DecisionPolicy.AUTOMATED)
                .build();
        return new FakeContext(description, Answers.EMPTY, Map.of(), Optional.empty(), LocalDate.of(2026, 12, 2), "ERZ",
                APPLICATION, Land.SN);
    }

    @Override
    public String procedure() {
        return description.id().value();
    }

    @Override
    public Dialog dialog() {
        return description.dialog();
    }

    @Override
    public boolean identificationRequired() {
        return description.identification() == Identification.REQUIRED;
    }

    public FakeContext answer(String fieldId, String value) {
        return new FakeContext(description, answers.with(fieldId, value), facts, applicant, today, authority, application, land);
    }

    @Override
    public <T> Optional<T> fact(FactKey<T> key) {
        return key.from(facts);
    }

    /** With a fact an earlier check established. */
    public <T> FakeContext fact(FactKey<T> key, T value) {
        return fact(key.name(), key.format(value));
    }

    /** With a fact as kept, also one its key cannot read (to test a check that meets one). */
    public FakeContext fact(String key, String value) {
        Map<String, String> copy = new HashMap<>(facts);
        copy.put(key, value);
        return new FakeContext(description, answers, copy, applicant, today, authority, application, land);
    }

    /** The same context for a procedure that asks this identification. */
    public FakeContext identification(Identification identification) {
        return new FakeContext(description.toBuilder().identification(identification).build(), answers, facts, applicant, today, authority, application, land);
    }

    public FakeContext applicant(VerifiedIdentity identity) {
        return new FakeContext(description, answers, facts, Optional.ofNullable(identity), today, authority, application, land);
    }

    public FakeContext today(LocalDate day) {
        return new FakeContext(description, answers, facts, applicant, day, authority, application, land);
    }

    public FakeContext land(Land other) {
        return new FakeContext(description, answers, facts, applicant, today, authority, application, other);
    }
}
