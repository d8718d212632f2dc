package org.openikfz.procedure.umschreibung.internal;

import org.openikfz.api.check.FactKey;
import static org.openikfz.api.dialog.SharedFields.FIN;
import static org.openikfz.api.dialog.SharedFields.KENNZEICHEN;
import static org.openikfz.api.dialog.SharedFields.KENNZEICHEN_WAHL;
import static org.openikfz.api.dialog.SharedFields.WAHL_BEHALTEN;
import static org.openikfz.api.dialog.SharedFields.WAHL_WUNSCH;
import static org.openikfz.api.dialog.SharedFields.WAHL_ZUTEILEN;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Choice;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Evaluation;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.procedure.support.Registration;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.text.Texts;
import org.osgi.service.component.annotations.Component;

/**
 * Internetbasierte Änderung bei Halter- oder Wohnsitzwechsel (FZV § 30; 2019: § 15l): a new holder
 * takes the vehicle over, or the holder moved — within the district or into it — keeping the plate or
 * with a new one. Data and rules only; the engine applies §§ 19–23.
 */
@Component
public final class Umschreibung implements Procedure {

    /** The texts: OSGI-INF/l10n/umschreibung.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(Umschreibung.class, "OSGI-INF/l10n/umschreibung");

    static final ProcedureId ID = new ProcedureId("umschreibung");

    /** What changed: {@link #HALTERWECHSEL} or {@link #UMZUG}. */
    static final String ANLASS = "anlass";
    static final String HALTERWECHSEL = "halterwechsel";
    static final String UMZUG = "umzug";
    /** Where the vehicle is registered now: {@link #BEZIRK} (at this authority) or {@link #ANDERER} (elsewhere). */
    static final String HERKUNFT = "herkunft";
    static final String BEZIRK = "bezirk";
    static final String ANDERER = "anderer";

    private static final String TRUE = "true";

    // the cases of the dialog, one definition for its questions and for what the case produces
    private static final Condition HALTERWECHSEL_CASE = Condition.when(ANLASS, HALTERWECHSEL);
    /** A move within the district keeps the plate: the plate question is for the other cases. */
    private static final Condition PLATE_ASKED = HALTERWECHSEL_CASE.or(Condition.when(HERKUNFT, ANDERER));
    private static final Condition NEW_PLATE = PLATE_ASKED.and(Condition.whenAny(KENNZEICHEN_WAHL, WAHL_ZUTEILEN, WAHL_WUNSCH));
    /** 2019: § 15l(3) S. 2 — a move keeping the plate needs no ZB II (neither its code nor a new one). */
    private static final Condition ZB2 = HALTERWECHSEL_CASE.or(NEW_PLATE);

    private final ProcedureDescription description = describe();

    @Override
    public ProcedureDescription description() {
        return description;
    }

    @Override
    public CheckResult evaluate(Evaluation evaluation) {
        Answers answers = evaluation.answers();
        List<Finding> findings = new ArrayList<>(Registration.warningFindings(answers));
        findings.addAll(Registration.conditionFindings(answers));
        boolean halterwechsel = answers.get(ANLASS).map(HALTERWECHSEL::equals).orElse(false);
        if (evaluation.fact(Facts.ZFZR_REGISTERED).map(registered -> !registered).orElse(false)) {
            findings.add(new Finding(KENNZEICHEN, TEXTS.get("evaluate.the-vehicle-is-deregistered-for")));
        }
        // FZV § 30 (2019: § 15l(1)): a change of holder makes the applicant the new holder; a move is the holder's own
        Optional<Boolean> isHolder = evaluation.fact(Facts.ZFZR_APPLICANT_IS_HOLDER);
        if (halterwechsel && isHolder.orElse(false)) {
            findings.add(new Finding(ANLASS, TEXTS.get("evaluate.you-are-already-registered-as")));
        }
        if (!halterwechsel && isHolder.map(holder -> !holder).orElse(false)) {
            findings.add(new Finding(ANLASS, TEXTS.get("evaluate.according-to-the-vehicle-register")));
        }
        // where the vehicle is registered decides the fee item: the register knows it
        Optional<String> registeredAt = evaluation.fact(Facts.ZFZR_AUTHORITY);
        Optional<String> herkunft = answers.get(HERKUNFT);
        if (registeredAt.isPresent() && herkunft.isPresent()
                && registeredAt.get().equals(evaluation.authority()) != herkunft.get().equals(BEZIRK)) {
            findings.add(new Finding(HERKUNFT, herkunft.get().equals(BEZIRK) ? TEXTS.get("evaluate.according-to-the-vehicle-register-2") : TEXTS.get("evaluate.according-to-the-vehicle-register-3")));
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }

    /**
     * Who gets letters: the previous holder is told of a change of holder (FZV § 30; 2019: § 15l(5)). What goes by
     * post (2019: § 15i(4) S. 1): a new ZB I always; the ZB II unless the holder moved keeping the plate (§ 15l(3)
     * S. 2 Nr. 2); seals on their carriers and the HU sticker only with a new plate (§ 15l(4) Nr. 3).
     */
    @Override
    public Set<Output> outputs(Answers answers) {
        Set<Output> outputs = Registration.documentsByPost(ZB2.holds(answers), NEW_PLATE.holds(answers),
                Output.DECISION_DOCUMENT, Output.PROVISIONAL_REGISTRATION_PROOF);
        if (HALTERWECHSEL_CASE.holds(answers)) {
            outputs.add(Output.NOTICE_TO_PREVIOUS_HOLDER);
            outputs.add(Output.SEPA_MANDATE_CONFIRMATION);
        }
        return outputs;
    }

    private static ProcedureDescription describe() {
        Condition halterwechsel = HALTERWECHSEL_CASE;
        Condition umzug = Condition.when(ANLASS, UMZUG);
        Condition imBezirk = Condition.when(HERKUNFT, BEZIRK);
        Condition anderer = Condition.when(HERKUNFT, ANDERER);
        Condition behalten = Condition.when(KENNZEICHEN_WAHL, WAHL_BEHALTEN);
        Condition neu = Condition.whenAny(KENNZEICHEN_WAHL, WAHL_ZUTEILEN, WAHL_WUNSCH);
        List<DialogStep> steps = List.of(
                DialogStep.builder("anlass", TEXTS.get("describe.what-has-changed"))
                        .fields(List.of(Field.builder(ANLASS, FieldType.CHOICE, TEXTS.get("describe.what-has-changed"))
                                .choices(List.of(
                                        new Choice(HALTERWECHSEL, TEXTS.get("describe.change-of-holder-i-bought")),
                                        new Choice(UMZUG, TEXTS.get("describe.i-moved-new-address"))))
                                .build(),
                                Field.builder(HERKUNFT, FieldType.CHOICE, TEXTS.get("describe.where-is-the-vehicle-registered"))
                                        .help(TEXTS.get("describe.the-letters-on-the-plate"))
                                        .choices(List.of(
                                                new Choice(BEZIRK, TEXTS.get("describe.here-in-this-authority-s")),
                                                new Choice(ANDERER, TEXTS.get("describe.in-another-district"))))
                                        .build()))
                        .build(),
                DialogStep.builder("fahrzeug", TEXTS.get("describe.your-vehicle"))
                        .fields(List.of(Field.required(KENNZEICHEN, FieldType.KENNZEICHEN, TEXTS.get("describe.present-plate"),
                                        TEXTS.get("describe.as-on-the-plate-e")),
                                Field.required(FIN, FieldType.FIN, TEXTS.get("describe.vehicle-identification-number-vin"),
                                        TEXTS.get("describe.17-characters-in-field-e"))))
                        .build(),
                Registration.conditionsStep(),
                DialogStep.builder("kennzeichen", TEXTS.get("describe.plate"))
                        .intro(TEXTS.get("describe.if-you-keep-the-plate"))
                        .notices(List.of(Registration.plateNotice()))
                        .fields(Registration.plateFields(List.of(WAHL_BEHALTEN, WAHL_ZUTEILEN, WAHL_WUNSCH), null))
                        .visibleWhen(PLATE_ASKED)
                        .build(),
                // FZV § 30 (2019: § 15l(3) S. 1): a move needs no new eVB and no new SEPA mandate
                Registration.insuranceAndTaxStep(halterwechsel, halterwechsel),
                Registration.huStep(null),
                // FZV § 21: the codes last, once everything else is answered (an uncovered code is void), shown once the
                // warning before them is confirmed; FZV § 30 (2019: § 15l(3) S. 2): a move keeping the plate needs no ZB II
                Registration.securityCodesStep(true, true,
                        TEXTS.get("describe.the-codes-are-only-checked"),
                        List.of(Registration.zb1Field(), Registration.zb2Field(ZB2))));
        return ProcedureDescription.builder(ID, TEXTS.get("describe.report-a-change-of-holder"))
                .summary(TEXTS.get("describe.report-online-that-you-took"))
                .legalBasis(List.of(new LegalBasis("§ 30 FZV", "Internetbasierte Änderung bei Halter- oder Wohnsitzwechsel"),
                        new LegalBasis("§ 26 FZV", "Gemeinsame Regelungen für die Zulassung und Änderungen")))
                .applicants(Set.of(Applicant.NATURAL_PERSON, Applicant.LEGAL_PERSON))
                .identification(Identification.REQUIRED)
                .dialog(new Dialog(steps))
                .checks(List.of(CheckId.ZUSTAENDIGKEIT, CheckId.ZFZR, CheckId.KFZ_STEUER_RUECKSTAND, CheckId.GEBUEHREN_RUECKSTAND, CheckId.EVB, CheckId.SEPA_MANDAT,
                        CheckId.HU_NACHWEIS, CheckId.KENNZEICHEN_ZUTEILUNG))
                // keeping the plate is decided automatically and allows driving at once (2019: § 15l(4));
                .decisionPolicy(// under FZV 2023 a new plate is decided automatically as well
                DecisionPolicy.AUTOMATED)
                .fees(List.of(
                        // GebOSt 225.1: internet address change within the same district
                        new FeeRule("225.1", umzug.and(imBezirk)),
                        // GebOSt 221.8.1: change of holder within the district, keeping the plate
                        new FeeRule("221.8.1", halterwechsel.and(imBezirk).and(behalten)),
                        // GebOSt 221.10.1 (+0.30 € HU sticker carrier): change of holder within the district, new plate
                        new FeeRule("221.10.1", halterwechsel.and(imBezirk).and(neu)),
                        new FeeRule("221.10.1 S. 2", halterwechsel.and(imBezirk).and(neu)),
                        // GebOSt 221.9.1: from another district keeping the plate, with or without change of holder
                        new FeeRule("221.9.1", anderer.and(behalten)),
                        // GebOSt 221.2.1: from another district with a new plate, with or without change of holder
                        new FeeRule("221.2.1", anderer.and(neu)),
                        // GebOSt 221 S. 3: a chosen plate adds 10.20 €
                        new FeeRule("220", NEW_PLATE.and(Condition.when(KENNZEICHEN_WAHL, WAHL_WUNSCH)))))
                .outputs(EnumSet.of(Output.DECISION_DOCUMENT, Output.PROVISIONAL_REGISTRATION_PROOF, Output.DOCUMENTS_BY_POST, Output.ZB1_BY_POST,
                        Output.ZB2_BY_POST, Output.SEAL_CARRIERS_BY_POST, Output.HU_SEAL_CARRIER_BY_POST, Output.NOTICE_TO_PREVIOUS_HOLDER,
                        Output.SEPA_MANDATE_CONFIRMATION))
                .build();
    }

    /** What its own conditions judge: the register's data. */
    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(Facts.ZFZR_REGISTERED, Facts.ZFZR_APPLICANT_IS_HOLDER, Facts.ZFZR_AUTHORITY);
    }
}
