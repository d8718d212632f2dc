package org.openikfz.procedure.wiederzulassung.internal;

import org.openikfz.api.check.FactKey;
import static org.openikfz.api.dialog.SharedFields.FIN;
import static org.openikfz.api.dialog.SharedFields.KENNZEICHEN;
import static org.openikfz.api.dialog.SharedFields.KENNZEICHEN_WAHL;
import static org.openikfz.api.dialog.SharedFields.KEIN_VERWERTUNGSNACHWEIS;
import static org.openikfz.api.dialog.SharedFields.WAHL_RESERVIERT;
import static org.openikfz.api.dialog.SharedFields.WAHL_WUNSCH;
import static org.openikfz.api.dialog.SharedFields.WAHL_ZUTEILEN;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.dialog.Answers;
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
 * Internetbasierte Wiederzulassung (FZV § 29; 2019: § 15k): a vehicle taken off the road is registered
 * again, to the same or a new holder, with the plate reserved at deregistration or a new one. Data and
 * rules only; the engine applies the shared rules of §§ 19–23, the checks of Anlage 11 do the rest.
 */
@Component
public final class Wiederzulassung implements Procedure {

    /** The texts: OSGI-INF/l10n/wiederzulassung.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(Wiederzulassung.class, "OSGI-INF/l10n/wiederzulassung");

    static final ProcedureId ID = new ProcedureId("wiederzulassung");

    /** Whether the applicant becomes holder again, as before the deregistration (2019: § 15k(4)). */
    static final String SELBER_HALTER = "selberHalter";

    // FZV § 29 (2019: § 15k(2)): off the road for at most seven years at the time of the application
    static final int MAX_YEARS_OFF_THE_ROAD = 7;

    private static final String TRUE = "true";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final ProcedureDescription description = describe();

    @Override
    public ProcedureDescription description() {
        return description;
    }

    @Override
    public CheckResult evaluate(Evaluation evaluation) {
        var answers = evaluation.answers();
        List<Finding> findings = new ArrayList<>(Registration.warningFindings(answers));
        findings.addAll(Registration.conditionFindings(answers));
        Optional<Boolean> registered = evaluation.fact(Facts.ZFZR_REGISTERED);
        if (registered.orElse(false)) {
            findings.add(new Finding(KENNZEICHEN, TEXTS.get("evaluate.the-vehicle-is-still-registered")));
        } else if (registered.isPresent()) {
            Optional<LocalDate> off = evaluation.fact(Facts.ZFZR_DEREGISTERED_ON);
            if (off.isEmpty()) {
                return CheckResult.failed("register gives no date of the Außerbetriebsetzung: the seven-year limit cannot be judged", TEXTS.get("evaluate.the-vehicle-register-zfzr-gives"));
            }
            // FZV § 29 (2019: § 15k(2)): at most seven years off the road — a day more is too late online
            LocalDate lastDay = off.get().plusYears(MAX_YEARS_OFF_THE_ROAD);
            if (evaluation.today().isAfter(lastDay)) {
                findings.add(new Finding(KENNZEICHEN, TEXTS.format("evaluate.deregistered-more-than-seven-years", LocalizedText.german(DATE.format(off.get())),
                        LocalizedText.german(DATE.format(lastDay)))));
            }
        }
        // 2019: § 15k(4) — without the ZB II code only for the same holder; the register says who that was
        if (answers.get(SELBER_HALTER).map(TRUE::equals).orElse(false)
                && evaluation.fact(Facts.ZFZR_APPLICANT_IS_HOLDER).map(holder -> !holder).orElse(false)) {
            findings.add(new Finding(SELBER_HALTER, TEXTS.get("evaluate.according-to-the-vehicle-register")));
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }

    private static ProcedureDescription describe() {
        Condition neuerHalter = Condition.when(SELBER_HALTER, "false");
        Condition sameHolderReservedPlate = Condition.when(SELBER_HALTER, TRUE).and(Condition.when(KENNZEICHEN_WAHL, WAHL_RESERVIERT));
        Condition otherWiederzulassung = neuerHalter.or(Condition.whenAny(KENNZEICHEN_WAHL, WAHL_ZUTEILEN, WAHL_WUNSCH));
        List<DialogStep> steps = List.of(
                DialogStep.builder("fahrzeug", TEXTS.get("describe.your-vehicle"))
                        .intro(TEXTS.get("describe.which-deregistered-vehicle-do-you"))
                        .fields(List.of(Field.required(KENNZEICHEN, FieldType.KENNZEICHEN, TEXTS.get("describe.previous-plate"),
                                        TEXTS.get("describe.the-plate-the-vehicle-was")),
                                Field.required(FIN, FieldType.FIN, TEXTS.get("describe.vehicle-identification-number-vin"),
                                        TEXTS.get("describe.17-characters-in-field-e")),
                                Field.required(KEIN_VERWERTUNGSNACHWEIS, FieldType.YES_NO,
                                        TEXTS.get("describe.i-confirm-no-certificate-of"),
                                        TEXTS.get("describe.a-certificate-of-destruction-is"))))
                        .build(),
                Registration.conditionsStep(),
                DialogStep.builder("halter", TEXTS.get("describe.holder"))
                        .fields(List.of(Field.required(SELBER_HALTER, FieldType.YES_NO,
                                TEXTS.get("describe.were-you-already-the-holder"),
                                TEXTS.get("describe.then-you-do-not-need"))))
                        .build(),
                DialogStep.builder("kennzeichen", TEXTS.get("describe.plate"))
                        .notices(List.of(Registration.plateNotice()))
                        .fields(Registration.plateFields(List.of(WAHL_RESERVIERT, WAHL_ZUTEILEN, WAHL_WUNSCH), null))
                        .build(),
                Registration.insuranceAndTaxStep(null, null),
                Registration.huStep(null),
                // FZV § 21: the codes last, once everything else is answered (an uncovered code is void), shown once the
                // warning before them is confirmed
                Registration.securityCodesStep(true, true,
                        TEXTS.get("describe.the-codes-are-only-checked"),
                        List.of(Registration.zb1Field(), Registration.zb2Field(neuerHalter))));
        return ProcedureDescription.builder(ID, TEXTS.get("describe.register-a-vehicle-again"))
                .summary(TEXTS.get("describe.register-a-deregistered-vehicle-again"))
                .legalBasis(List.of(new LegalBasis("§ 29 FZV", "Internetbasierte Wiederzulassung"),
                        new LegalBasis("§ 26 FZV", "Gemeinsame Regelungen für die Zulassung und Änderungen")))
                .applicants(Set.of(Applicant.NATURAL_PERSON, Applicant.LEGAL_PERSON))
                .identification(Identification.REQUIRED)
                .dialog(new Dialog(steps))
                .checks(List.of(CheckId.ZUSTAENDIGKEIT, CheckId.ZFZR, CheckId.KEIN_VERWERTUNGSNACHWEIS, CheckId.KFZ_STEUER_RUECKSTAND, CheckId.GEBUEHREN_RUECKSTAND,
                        CheckId.EVB, CheckId.SEPA_MANDAT, CheckId.HU_NACHWEIS, CheckId.KENNZEICHEN_ZUTEILUNG))
                .decisionPolicy(DecisionPolicy.AUTOMATED)
                .fees(List.of(
                        // GebOSt 221.7: same district, same holder, the plate reserved at the Außerbetriebsetzung (§ 14(1) S. 4
                        // 2019; a reserved plate is this authority's: the Zuständigkeit check holds the residence here)
                        new FeeRule("221.7", sameHolderReservedPlate),
                        new FeeRule("221.7 S. 2", sameHolderReservedPlate),
                        // GebOSt 221.1.1 "außer im Fall der Nummer 221.7"; S. 2: +0.30 € for the carrier of the HU sticker (not 228.3)
                        new FeeRule("221.1.1", otherWiederzulassung),
                        new FeeRule("221.1.1 S. 2", otherWiederzulassung),
                        // GebOSt 221 S. 3: a chosen plate adds 10.20 €
                        new FeeRule("220", Condition.when(KENNZEICHEN_WAHL, WAHL_WUNSCH))))
                .outputs(Registration.documentsByPost(true, true, Output.DECISION_DOCUMENT, Output.PROVISIONAL_REGISTRATION_PROOF,
                        Output.SEPA_MANDATE_CONFIRMATION))
                .build();
    }

    /**
     * 2019: § 15i(4) S. 1 — ZB I, the seals on their carriers and the HU sticker by post; the ZB II too unless the
     * holder stays the same (§ 15k(4) Nr. 2).
     */
    @Override
    public Set<Output> outputs(Answers answers) {
        boolean sameHolder = answers.get(SELBER_HALTER).map(TRUE::equals).orElse(false);
        return Registration.documentsByPost(!sameHolder, true, Output.DECISION_DOCUMENT, Output.PROVISIONAL_REGISTRATION_PROOF,
                Output.SEPA_MANDATE_CONFIRMATION);
    }

    /** What its own conditions judge: the register's data. */
    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(Facts.ZFZR_REGISTERED, Facts.ZFZR_DEREGISTERED_ON, Facts.ZFZR_APPLICANT_IS_HOLDER);
    }
}
