package org.openikfz.procedure.ausserbetriebsetzung.internal;

import org.openikfz.api.dialog.SharedFields;
import org.openikfz.api.check.FactKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
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
import org.openikfz.api.dialog.Notice;
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
 * Internetbasierte Außerbetriebsetzung (FZV §§ 24–25; 2019: § 15g/§ 15h): the holder — or a third
 * party who has the security codes — deregisters a vehicle online and the portal decides
 * automatically. Data and rules only; the engine applies the shared rules of §§ 19–23.
 */
@Component
public final class Ausserbetriebsetzung implements Procedure {

    /** The texts: OSGI-INF/l10n/ausserbetriebsetzung.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(Ausserbetriebsetzung.class, "OSGI-INF/l10n/ausserbetriebsetzung");

    static final ProcedureId ID = new ProcedureId("ausserbetriebsetzung");

    // field ids: stable, used as keys of the answers and in the machine API
    static final String KENNZEICHEN = "kennzeichen";
    static final String WECHSELKENNZEICHEN = "wechselkennzeichen";
    static final String HALTER = "halter";
    static final String HINWEIS_GELESEN = SharedFields.HINWEIS_GELESEN;
    static final String PLAKETTE_VORN = "plaketteVorn";
    static final String PLAKETTE_HINTEN = "plaketteHinten";
    static final String WECHSEL_ANDERES_FAHRZEUG = "wechselAnderesFahrzeugBleibt";
    static final String PLAKETTE_WECHSEL = "plaketteGemeinsamerTeil";
    static final String ZB1_CODE = "zb1Code";
    static final String VERWERTET = "verwertet";
    static final String VERWERTUNG_DATUM = "verwertungDatum";
    static final String VERWERTUNG_BETRIEB = "verwertungBetriebsnummer";
    static final String RESERVIEREN = "kennzeichenReservieren";

    private static final String TRUE = "true";

    private final ProcedureDescription description = describe();

    @Override
    public ProcedureDescription description() {
        return description;
    }

    @Override
    public CheckResult evaluate(Evaluation evaluation) {
        CheckResult own = evaluate(evaluation.answers());
        // FZV § 25 (2019: § 15g(3)): the Verwertungsnachweis is one that was issued, so its date is not after today
        Optional<LocalDate> issued = evaluation.answers().get(VERWERTUNG_DATUM).filter(d -> !d.isBlank()).map(LocalDate::parse);
        if (evaluation.answers().get(VERWERTET).map(TRUE::equals).orElse(false) && issued.filter(evaluation.today()::isBefore).isPresent()) {
            own = first(new Finding(VERWERTUNG_DATUM, TEXTS.get("evaluate.the-date-of-issue-of")), own);
        }
        // FZV § 24: only a registered vehicle can be taken off the road (register data from the ZFZR check)
        if (evaluation.fact(Facts.ZFZR_REGISTERED).map(registered -> !registered).orElse(false)) {
            return first(new Finding(KENNZEICHEN, TEXTS.get("evaluate.the-vehicle-is-already-deregistered")), own);
        }
        return own;
    }

    /** Opposed with {@code finding} first, then whatever {@code result} found. */
    private static CheckResult first(Finding finding, CheckResult result) {
        List<Finding> findings = new ArrayList<>(List.of(finding));
        if (result instanceof CheckResult.Opposed opposed) {
            findings.addAll(opposed.findings());
        }
        return new CheckResult.Opposed(findings);
    }

    /**
     * FZV § 24 (2019: § 15h(3)): when someone other than the holder applied, the holder is told in writing.
     * Only the register decides that the applicant is the holder (an identified applicant whom the ZFZR
     * names as holder); the applicant's own answer does not, and an applicant who did not identify is
     * never taken for the holder.
     */
    @Override
    public Set<Output> outputs(Evaluation evaluation) {
        boolean holderApplied = evaluation.fact(Facts.ZFZR_APPLICANT_IS_HOLDER).orElse(false);
        return holderApplied ? Set.of(Output.DECISION_DOCUMENT) : description.outputs();
    }

    /**
     * 2019: § 15h(1) S. 2 and 3 — a mailed Außerbetriebsetzung, automated or decided by a clerk, takes effect on the day
     * the printout or the written decision is sent, not on the third day after: its effect does not wait for the
     * notification (memo on § 15h: tax and insurance end with it). FZV 2023 § 23(2) speaks of "die Zulassung oder ihre
     * Änderung" only; we read the Außerbetriebsetzung's own rule as carried on (see docs/legal-coverage.md).
     */
    @Override
    public int daysFromMailingToEffect() {
        return 0;
    }

    @Override
    public CheckResult evaluate(Answers answers) {
        // FZV § 21: the applicant must know before uncovering that an uncovered code cannot be covered again
        List<Finding> findings = new ArrayList<>(Registration.warningFindings(answers));
        // FZV § 24 (2019: § 15g(2)): with a Wechselkennzeichen, the shared part's seal code is needed
        // when no other vehicle stays registered with it
        boolean wechsel = answers.get(WECHSELKENNZEICHEN).map(TRUE::equals).orElse(false);
        boolean otherStays = answers.get(WECHSEL_ANDERES_FAHRZEUG).map(TRUE::equals).orElse(false);
        if (wechsel && !otherStays && answers.get(PLAKETTE_WECHSEL).isEmpty()) {
            findings.add(new Finding(PLAKETTE_WECHSEL, TEXTS.get("evaluate.if-no-other-vehicle-stays")));
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }

    private static ProcedureDescription describe() {
        Condition isWechsel = Condition.when(WECHSELKENNZEICHEN, TRUE);
        // FZV § 21: the codes, shown once the warning before them is confirmed
        List<Field> codes = List.of(Field.required(PLAKETTE_VORN, FieldType.PLAKETTEN_CODE_FRONT,
                        TEXTS.get("describe.code-of-the-front-plate"),
                        TEXTS.get("describe.under-the-scratch-field-of")),
                Field.required(PLAKETTE_HINTEN, FieldType.PLAKETTEN_CODE_REAR,
                        TEXTS.get("describe.code-of-the-rear-plate"),
                        TEXTS.get("describe.under-the-scratch-field-of-2")),
                Field.builder(WECHSEL_ANDERES_FAHRZEUG, FieldType.YES_NO, TEXTS.get("describe.does-another-vehicle-stay-registered"))
                        .visibleWhen(isWechsel)
                        .build(),
                Field.builder(PLAKETTE_WECHSEL, FieldType.PLAKETTEN_CODE_SHARED_PART, TEXTS.get("describe.code-of-the-seal-on"))
                        .help(TEXTS.get("describe.only-needed-if-no-other"))
                        .optional()
                        .visibleWhen(isWechsel)
                        .build(),
                Field.required(ZB1_CODE, FieldType.ZB1_CODE,
                        TEXTS.get("describe.security-code-of-the-registration"),
                        TEXTS.get("describe.on-the-front-of-the")));
        Condition verwertet = Condition.when(VERWERTET, TRUE);
        List<DialogStep> steps = List.of(
                DialogStep.builder("fahrzeug", TEXTS.get("describe.your-vehicle"))
                        .intro(TEXTS.get("describe.which-vehicle-do-you-want"))
                        .fields(List.of(Field.required(KENNZEICHEN, FieldType.KENNZEICHEN, TEXTS.get("describe.licence-plate"),
                                        TEXTS.get("describe.as-on-the-plate-e")),
                                Field.required(WECHSELKENNZEICHEN, FieldType.YES_NO,
                                        TEXTS.get("describe.is-it-an-interchangeable-plate"), null),
                                Field.required(HALTER, FieldType.YES_NO,
                                        TEXTS.get("describe.are-you-the-vehicle-s"),
                                        // FZV § 24: a third party may apply; the codes authorise, the holder is told in writing
                                        TEXTS.get("describe.someone-else-can-also-deregister"))))
                        .build(),
                DialogStep.builder("verwertung", TEXTS.get("describe.destruction-and-plate"))
                        .intro(TEXTS.get("describe.if-the-vehicle-was-scrapped"))
                        .fields(List.of(Field.required(VERWERTET, FieldType.YES_NO,
                                        TEXTS.get("describe.was-the-vehicle-scrapped"), null),
                                Field.builder(VERWERTUNG_DATUM, FieldType.DATE, TEXTS.get("describe.date-of-the-certificate-of"))
                                        .visibleWhen(verwertet)
                                        .build(),
                                Field.builder(VERWERTUNG_BETRIEB, FieldType.TEXT, TEXTS.get("describe.company-number-of-the-dismantling"))
                                        .help(TEXTS.get("describe.printed-on-the-certificate-of"))
                                        .visibleWhen(verwertet)
                                        .build(),
                                Field.required(RESERVIEREN, FieldType.YES_NO,
                                        TEXTS.get("describe.do-you-want-to-reserve"), null)))
                        .build(),
                // FZV § 21: the codes last, once everything else is answered (an uncovered code is void); they are shown
                // once the warning before them is confirmed, and Nein stops the dialog here
                DialogStep.builder("sicherheitscodes", TEXTS.get("describe.security-codes"))
                        .intro(TEXTS.get("describe.the-codes-are-only-checked"))
                        // FZV § 21: uncovered seal = plate counts as unstamped; uncovered ZB I marking = document invalid
                        .notices(List.of(new Notice(Notice.Kind.WARNING, TEXTS.get("describe.last-you-uncover-the-security"))))
                        .fields(Stream.concat(Stream.of(Field.required(HINWEIS_GELESEN, FieldType.YES_NO,
                                TEXTS.get("describe.i-have-read-and-understood"), null)),
                                codes.stream().map(Registration::afterWarning)).toList())
                        .stops(List.of(Registration.warningNotConfirmed()))
                        .build());
        return ProcedureDescription.builder(ID, TEXTS.get("describe.deregister-a-vehicle"))
                .summary(TEXTS.get("describe.deregister-your-vehicle-online-you"))
                .legalBasis(List.of(new LegalBasis("§ 24 FZV", "Internetbasierte Außerbetriebsetzung"),
                        new LegalBasis("§ 25 FZV", "Verwertungsnachweis")))
                .applicants(Set.of(Applicant.NATURAL_PERSON, Applicant.LEGAL_PERSON, Applicant.THIRD_PARTY))
                // the codes authorise the application; without identification the holder's data come from the register
                .identification(Identification.OPTIONAL)
                .dialog(new Dialog(steps))
                // the register first: the Zuständigkeit check judges the residence of the holder the ZFZR names
                .checks(List.of(CheckId.ZFZR, CheckId.ZUSTAENDIGKEIT))
                .decisionPolicy(DecisionPolicy.AUTOMATED)
                .fees(List.of(FeeRule.always("224")))
                .outputs(Set.of(Output.DECISION_DOCUMENT, Output.NOTICE_TO_HOLDER))
                .build();
    }

    /** What its own conditions judge: the register's data. */
    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(Facts.ZFZR_REGISTERED, Facts.ZFZR_APPLICANT_IS_HOLDER);
    }
}
