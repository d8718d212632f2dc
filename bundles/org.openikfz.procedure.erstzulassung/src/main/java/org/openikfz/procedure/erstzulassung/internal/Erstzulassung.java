package org.openikfz.procedure.erstzulassung.internal;

import static org.openikfz.api.dialog.SharedFields.FIN;
import static org.openikfz.api.dialog.SharedFields.KENNZEICHEN_WAHL;
import static org.openikfz.api.dialog.SharedFields.WAHL_WUNSCH;
import static org.openikfz.api.dialog.SharedFields.WAHL_ZUTEILEN;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
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
 * Internetbasierte Erstzulassung (FZV § 27; 2019: § 15j): a vehicle that was never registered. No
 * ZB I, no old plate, no HU dates (2019: § 15j(2)); the ZB II code replaces presenting the ZB II, the
 * KBA's CoC data replace the certificate of conformity (§ 15j(3)). The authority additionally checks
 * technical obstacles (§ 15j(4)): a ban the manufacturer reported makes the KBA reference check fail,
 * which sends the case to a clerk. Data and rules only.
 */
@Component
public final class Erstzulassung implements Procedure {

    /** The texts: OSGI-INF/l10n/erstzulassung.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(Erstzulassung.class, "OSGI-INF/l10n/erstzulassung");

    static final ProcedureId ID = new ProcedureId("erstzulassung");

    /** Number of the ZB II form (Vordrucknummer), printed top right: two letters and seven digits. */
    static final String ZB2_VORDRUCKNUMMER = "zb2Vordrucknummer";
    private static final Pattern VORDRUCKNUMMER = Pattern.compile("[A-Z]{2}\\d{7}");

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
        String number = answers.get(ZB2_VORDRUCKNUMMER).orElse("").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (!VORDRUCKNUMMER.matcher(number).matches()) {
            findings.add(new Finding(ZB2_VORDRUCKNUMMER, TEXTS.get("evaluate.the-number-of-the-registration")));
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }

    private static ProcedureDescription describe() {
        List<DialogStep> steps = List.of(
                DialogStep.builder("fahrzeug", TEXTS.get("describe.your-new-vehicle"))
                        .intro(TEXTS.get("describe.the-details-are-in-the"))
                        .fields(List.of(Field.required(FIN, FieldType.FIN, TEXTS.get("describe.vehicle-identification-number-vin"),
                                        TEXTS.get("describe.17-characters-in-field-e")),
                                Field.required(ZB2_VORDRUCKNUMMER, FieldType.TEXT,
                                        TEXTS.get("describe.number-of-the-registration-certificate"),
                                        TEXTS.get("describe.top-right-two-letters-and"))))
                        .build(),
                Registration.conditionsStep(),
                DialogStep.builder("kennzeichen", TEXTS.get("describe.plate"))
                        .notices(List.of(Registration.plateNotice()))
                        .fields(Registration.plateFields(List.of(WAHL_ZUTEILEN, WAHL_WUNSCH), null))
                        .build(),
                Registration.insuranceAndTaxStep(null, null),
                // FZV § 21: the codes last, once everything else is answered (an uncovered code is void), shown once the
                // warning before them is confirmed
                Registration.securityCodesStep(false, true,
                        TEXTS.get("describe.the-code-is-only-checked"),
                        List.of(Registration.zb2Field(null))));
        return ProcedureDescription.builder(ID, TEXTS.get("describe.register-a-new-vehicle"))
                .summary(TEXTS.get("describe.register-a-new-vehicle-online"))
                .legalBasis(List.of(new LegalBasis("§ 27 FZV", "Internetbasierte Erstzulassung"),
                        new LegalBasis("§ 26 FZV", "Gemeinsame Regelungen für die Zulassung und Änderungen")))
                .applicants(Set.of(Applicant.NATURAL_PERSON, Applicant.LEGAL_PERSON))
                .identification(Identification.REQUIRED)
                .dialog(new Dialog(steps))
                .checks(List.of(CheckId.ZUSTAENDIGKEIT, CheckId.KBA_REFERENZ, CheckId.KFZ_STEUER_RUECKSTAND, CheckId.GEBUEHREN_RUECKSTAND, CheckId.EVB,
                        CheckId.SEPA_MANDAT, CheckId.KENNZEICHEN_ZUTEILUNG))
                .decisionPolicy(DecisionPolicy.AUTOMATED)
                .fees(List.of(FeeRule.always("221.1.1"),
                        // GebOSt 221.1.1 S. 2: +0.30 € for the carrier of the HU sticker, sent with the seals (not 228.3)
                        FeeRule.always("221.1.1 S. 2"),
                        // GebOSt 221 S. 3: a chosen plate adds 10.20 €
                        new FeeRule("220", Condition.when(KENNZEICHEN_WAHL, WAHL_WUNSCH))))
                // 2019: § 15i(4) S. 1: ZB I and ZB II, the seals on their carriers and the first HU sticker by post
                .outputs(Registration.documentsByPost(true, true, Output.DECISION_DOCUMENT, Output.PROVISIONAL_REGISTRATION_PROOF,
                        Output.SEPA_MANDATE_CONFIRMATION))
                .build();
    }
}
