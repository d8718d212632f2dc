package org.openikfz.procedure.namensaenderung.internal;

import static org.openikfz.api.dialog.SharedFields.KENNZEICHEN;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Choice;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.dialog.Notice;
import org.openikfz.api.dialog.Stop;
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
import org.openikfz.api.text.Texts;
import org.openikfz.procedure.support.Registration;
import org.osgi.service.component.annotations.Component;

/**
 * Namensänderung der Halterin oder des Halters: the holder reports online that her or his name changed (marriage,
 * divorce, a change of name by declaration or by the authorities). FZV § 15(1) S. 1 Nr. 1 makes the holder report a
 * change of the holder's data to the authority, presenting the ZB I and the ZB II; FZV § 19(1) S. 1 lets any
 * application the ordinance requires be made through the portal, and S. 4 gives the authority the decision where
 * the machine cannot make it. The FZV provides no automated decision for this change, so the clerks decide.
 * Data and rules only; the engine applies §§ 19–23.
 */
@Component
public final class Namensaenderung implements Procedure {

    /** The texts: OSGI-INF/l10n/texts.properties (German), texts_en.properties (English), and any language beside them. */
    static final Texts TEXTS = Texts.of(Namensaenderung.class, "OSGI-INF/l10n/texts");

    static final ProcedureId ID = new ProcedureId("namensaenderung");

    /** Why the name changed: {@link #HEIRAT}, {@link #SCHEIDUNG} or {@link #ERKLAERUNG}. */
    static final String GRUND = "grund";
    static final String HEIRAT = "heirat";
    static final String SCHEIDUNG = "scheidung";
    static final String ERKLAERUNG = "erklaerung";
    /** Since when the new name is borne (a date, not in the future). */
    static final String SEIT = "seit";
    /** Whether the identity document already bears the new name (it is taken from there, FZV § 20(1)). */
    static final String AUSWEIS = "ausweisGeaendert";
    /** Whether the applicant is the vehicle's holder (only the holder reports her or his own name). */
    static final String HALTER = "halter";

    private final ProcedureDescription description = describe();

    @Override
    public ProcedureDescription description() {
        return description;
    }

    private static ProcedureDescription describe() {
        List<DialogStep> steps = List.of(
                DialogStep.builder("name", TEXTS.get("step.name"))
                        // FZV § 20(1): the new name is taken from the electronic identification, not typed
                        .intro(TEXTS.get("step.name.intro"))
                        .fields(List.of(
                                Field.builder(GRUND, FieldType.CHOICE, TEXTS.get("field.grund"))
                                        .choices(List.of(new Choice(HEIRAT, TEXTS.get("choice.heirat")),
                                                new Choice(SCHEIDUNG, TEXTS.get("choice.scheidung")),
                                                new Choice(ERKLAERUNG, TEXTS.get("choice.erklaerung"))))
                                        .build(),
                                Field.required(SEIT, FieldType.DATE, TEXTS.get("field.seit"), TEXTS.get("field.seit.help")),
                                Field.required(AUSWEIS, FieldType.YES_NO, TEXTS.get("field.ausweis"), TEXTS.get("field.ausweis.help"))))
                        .stops(List.of(new Stop(Condition.when(AUSWEIS, "false"), TEXTS.get("stop.ausweis"))))
                        .build(),
                DialogStep.builder("fahrzeug", TEXTS.get("step.vehicle"))
                        .fields(List.of(Field.required(KENNZEICHEN, FieldType.KENNZEICHEN, TEXTS.get("field.plate"), TEXTS.get("field.plate.help")),
                                Field.required(HALTER, FieldType.YES_NO, TEXTS.get("field.holder"), null)))
                        .stops(List.of(new Stop(Condition.when(HALTER, "false"), TEXTS.get("stop.not-holder"))))
                        .build(),
                // FZV § 15(1) S. 1: the change is reported presenting the ZB I and, for the holder's data (Nr. 1), the ZB II;
                // online their codes prove the possession (FZV § 21), last, after everything that can stop the application
                Registration.securityCodesStep(true, true, TEXTS.get("step.codes.intro"),
                        List.of(Registration.zb1Field(), Registration.zb2Field(null))));
        return ProcedureDescription.builder(ID, TEXTS.get("title"))
                .summary(TEXTS.get("summary"))
                .legalBasis(List.of(new LegalBasis("§ 15 Abs. 1 Satz 1 Nr. 1 FZV", "Mitteilungspflichten bei Änderungen"),
                        new LegalBasis("§ 19 Abs. 1 FZV", "Portal")))
                // a company's change of name is not a change of a person's name in the identity document
                .applicants(Set.of(Applicant.NATURAL_PERSON))
                .identification(Identification.REQUIRED)
                .dialog(new Dialog(steps))
                // the register with the plate and both codes; the district's competence by the applicant's address
                .checks(List.of(CheckId.ZUSTAENDIGKEIT, CheckId.ZFZR))
                // FZV § 19(1) S. 4: the FZV provides no automated decision for a change under § 15, so the clerks decide;
                // they see the name in the register next to the one from the identification
                .decisionPolicy(DecisionPolicy.MANUAL)
                // GebOSt 225 (change of the vehicle documents) and 225 S. 2 (a new ZB I): the codes are uncovered, so a new
                // ZB I is issued in every case (the reasoning of the 2019 ordinance on item 225.1)
                .fees(List.of(FeeRule.always("225"), FeeRule.always("225 S. 2")))
                // uncovered codes void both documents (FZV § 21(2)): new ones with the new name come by post
                .outputs(EnumSet.of(Output.DOCUMENTS_BY_POST, Output.ZB1_BY_POST, Output.ZB2_BY_POST))
                .build();
    }

    /**
     * The conditions the register and the identification can show before a clerk looks at it. A finding opposes the
     * application; the applicant may correct it (at most three times, FZV § 20(4)).
     */
    @Override
    public CheckResult evaluate(Evaluation evaluation) {
        Answers answers = evaluation.answers();
        // FZV § 21(2): the applicant confirmed the warning before the codes
        List<Finding> findings = new ArrayList<>(Registration.warningFindings(answers));
        // FZV § 15(1): a change that has happened is reported, not one to come
        Optional<LocalDate> seit = answers.get(SEIT).map(LocalDate::parse);
        if (seit.isPresent() && seit.get().isAfter(evaluation.today())) {
            findings.add(new Finding(SEIT, TEXTS.get("finding.seit-in-future")));
        }
        // a vehicle off the road has no ZB I in use: the new name is entered when it is registered again
        if (evaluation.fact(Facts.ZFZR_REGISTERED).map(registered -> !registered).orElse(false)) {
            findings.add(new Finding(KENNZEICHEN, TEXTS.get("finding.deregistered")));
        }
        // FZV § 15(1): the change is reported to the authority where the vehicle is registered; a move belongs to § 30
        Optional<String> registeredAt = evaluation.fact(Facts.ZFZR_AUTHORITY);
        if (registeredAt.isPresent() && !registeredAt.get().equals(evaluation.authority())) {
            findings.add(new Finding(KENNZEICHEN, TEXTS.get("finding.other-authority")));
        }
        Optional<VerifiedIdentity> applicant = evaluation.applicant();
        if (applicant.isPresent()) {
            // FZV § 20(1) S. 2: the new name is the one the identification gives; it must differ from the register's
            Optional<String> registered = evaluation.fact(Facts.ZFZR_HOLDER_NAME);
            if (registered.isPresent() && sameName(registered.get(), applicant.get().person().name())) {
                findings.add(new Finding(AUSWEIS, TEXTS.get("finding.same-name")));
            }
            // only the holder reports her or his name: a different date of birth is another person
            LocalDate born = applicant.get().person().dateOfBirth();
            Optional<LocalDate> registeredBorn = evaluation.fact(Facts.ZFZR_HOLDER_DATE_OF_BIRTH);
            if (born != null && registeredBorn.isPresent() && !born.equals(registeredBorn.get())) {
                findings.add(new Finding(HALTER, TEXTS.get("finding.not-holder")));
            }
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }

    /** Names compared as a clerk would read them: without surrounding blanks and regardless of case. */
    static boolean sameName(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    /** What its own conditions judge: the register's data on the vehicle and its holder. */
    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(Facts.ZFZR_REGISTERED, Facts.ZFZR_AUTHORITY, Facts.ZFZR_HOLDER_NAME, Facts.ZFZR_HOLDER_DATE_OF_BIRTH);
    }
}
