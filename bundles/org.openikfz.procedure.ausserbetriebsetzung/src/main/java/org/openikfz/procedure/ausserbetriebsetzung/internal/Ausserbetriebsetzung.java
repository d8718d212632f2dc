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
import org.osgi.service.component.annotations.Component;

/**
 * Internetbasierte Außerbetriebsetzung (FZV §§ 24–25; 2019: § 15g/§ 15h): the holder — or a third
 * party who has the security codes — deregisters a vehicle online and the portal decides
 * automatically. Data and rules only; the engine applies the shared rules of §§ 19–23.
 */
@Component
public final class Ausserbetriebsetzung implements Procedure {

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
            own = first(new Finding(VERWERTUNG_DATUM, LocalizedText.of(
                    "Das Ausstellungsdatum des Verwertungsnachweises liegt in der Zukunft. Bitte prüfen Sie das Datum.",
                    "The date of issue of the certificate of destruction is in the future. Please check the date.")), own);
        }
        // FZV § 24: only a registered vehicle can be taken off the road (register data from the ZFZR check)
        if (evaluation.fact(Facts.ZFZR_REGISTERED).map(registered -> !registered).orElse(false)) {
            return first(new Finding(KENNZEICHEN, LocalizedText.of(
                    "Das Fahrzeug ist bereits abgemeldet. Bitte prüfen Sie das Kennzeichen.",
                    "The vehicle is already deregistered. Please check the plate number.")), own);
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
            findings.add(new Finding(PLAKETTE_WECHSEL, LocalizedText.of(
                    "Wenn kein anderes Fahrzeug mit diesem Wechselkennzeichen zugelassen bleibt, brauchen wir auch den Sicherheitscode der Plakette auf dem gemeinsamen Kennzeichenteil.",
                    "If no other vehicle stays registered with this interchangeable plate, we also need the security code of the seal on the shared part of the plate.")));
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }

    private static ProcedureDescription describe() {
        Condition isWechsel = Condition.when(WECHSELKENNZEICHEN, TRUE);
        // FZV § 21: the codes, shown once the warning before them is confirmed
        List<Field> codes = List.of(Field.required(PLAKETTE_VORN, FieldType.PLAKETTEN_CODE_FRONT,
                        t("Code der Stempelplakette vorne (3 Zeichen)", "Code of the front plate seal (3 characters)"),
                        t("Unter dem Rubbelfeld der Plakette auf dem vorderen Kennzeichen.", "Under the scratch field of the seal on the front plate.")),
                Field.required(PLAKETTE_HINTEN, FieldType.PLAKETTEN_CODE_REAR,
                        t("Code der Stempelplakette hinten (3 Zeichen)", "Code of the rear plate seal (3 characters)"),
                        t("Unter dem Rubbelfeld der Plakette auf dem hinteren Kennzeichen.", "Under the scratch field of the seal on the rear plate.")),
                Field.builder(WECHSEL_ANDERES_FAHRZEUG, FieldType.YES_NO, t("Bleibt ein anderes Fahrzeug mit diesem Wechselkennzeichen zugelassen?",
                                "Does another vehicle stay registered with this interchangeable plate?"))
                        .visibleWhen(isWechsel)
                        .build(),
                Field.builder(PLAKETTE_WECHSEL, FieldType.PLAKETTEN_CODE_SHARED_PART, t("Code der Plakette auf dem gemeinsamen Kennzeichenteil", "Code of the seal on the shared part of the plate"))
                        .help(t("Nur nötig, wenn kein anderes Fahrzeug mit diesem Wechselkennzeichen zugelassen bleibt.",
                                "Only needed if no other vehicle stays registered with this interchangeable plate."))
                        .optional()
                        .visibleWhen(isWechsel)
                        .build(),
                Field.required(ZB1_CODE, FieldType.ZB1_CODE,
                        t("Sicherheitscode der Zulassungsbescheinigung Teil I (7 Zeichen)",
                                "Security code of the registration certificate part I (7 characters)"),
                        t("Auf der Vorderseite der Zulassungsbescheinigung Teil I unter dem verdeckten Feld.",
                                "On the front of the registration certificate part I, under the covered field.")));
        Condition verwertet = Condition.when(VERWERTET, TRUE);
        List<DialogStep> steps = List.of(
                DialogStep.builder("fahrzeug", t("Ihr Fahrzeug", "Your vehicle"))
                        .intro(t("Welches Fahrzeug möchten Sie abmelden?", "Which vehicle do you want to deregister?"))
                        .fields(List.of(Field.required(KENNZEICHEN, FieldType.KENNZEICHEN, t("Kennzeichen", "Licence plate"),
                                        t("So wie auf dem Schild, zum Beispiel ERZ-AB 123.", "As on the plate, e.g. ERZ-AB 123.")),
                                Field.required(WECHSELKENNZEICHEN, FieldType.YES_NO,
                                        t("Ist es ein Wechselkennzeichen?", "Is it an interchangeable plate (Wechselkennzeichen)?"), null),
                                Field.required(HALTER, FieldType.YES_NO,
                                        t("Sind Sie Halterin oder Halter des Fahrzeugs?", "Are you the vehicle's registered holder?"),
                                        // FZV § 24: a third party may apply; the codes authorise, the holder is told in writing
                                        t("Auch eine andere Person kann das Fahrzeug abmelden, wenn sie die Sicherheitscodes hat. Die Halterin oder der Halter wird dann schriftlich informiert.",
                                                "Someone else can also deregister the vehicle if they have the security codes. The holder is then informed in writing."))))
                        .build(),
                DialogStep.builder("verwertung", t("Verwertung und Kennzeichen", "Destruction and plate"))
                        .intro(t("Wenn das Fahrzeug verschrottet wurde, geben Sie den Verwertungsnachweis an. Sonst wählen Sie Nein.",
                                "If the vehicle was scrapped, enter the certificate of destruction. Otherwise choose No."))
                        .fields(List.of(Field.required(VERWERTET, FieldType.YES_NO,
                                        t("Wurde das Fahrzeug verwertet (verschrottet)?", "Was the vehicle scrapped?"), null),
                                Field.builder(VERWERTUNG_DATUM, FieldType.DATE, t("Datum des Verwertungsnachweises", "Date of the certificate of destruction"))
                                        .visibleWhen(verwertet)
                                        .build(),
                                Field.builder(VERWERTUNG_BETRIEB, FieldType.TEXT, t("Betriebsnummer des Demontagebetriebs", "Company number of the dismantling facility"))
                                        .help(t("Steht auf dem Verwertungsnachweis.", "Printed on the certificate of destruction."))
                                        .visibleWhen(verwertet)
                                        .build(),
                                Field.required(RESERVIEREN, FieldType.YES_NO,
                                        t("Möchten Sie das Kennzeichen für eine spätere Zulassung reservieren?",
                                                "Do you want to reserve the plate number for a later registration?"), null)))
                        .build(),
                // FZV § 21: the codes last, once everything else is answered (an uncovered code is void); they are shown
                // once the warning before them is confirmed, and Nein stops the dialog here
                DialogStep.builder("sicherheitscodes", t("Sicherheitscodes", "Security codes"))
                        .intro(t("Die Codes werden nur geprüft und nicht angezeigt oder gespeichert, nachdem Ihr Antrag entschieden ist.",
                                "The codes are only checked; they are not shown and not kept once your application is decided."))
                        .notices(List.of(new Notice(Notice.Kind.WARNING, t(
                                // FZV § 21: uncovered seal = plate counts as unstamped; uncovered ZB I marking = document invalid
                                "Zum Schluss legen Sie die Sicherheitscodes frei: auf den Stempelplaketten der Kennzeichenschilder (Rubbelfeld) und auf der Zulassungsbescheinigung Teil I (verdecktes Feld). Ein freigelegter Code kann nicht wieder abgedeckt werden: Das Kennzeichen gilt dann als nicht mehr abgestempelt und die Zulassungsbescheinigung Teil I als ungültig. Wenn die Online-Abmeldung danach nicht gelingt, müssen Sie zur Zulassungsbehörde gehen. Legen Sie die Codes deshalb erst frei, wenn Sie das Fahrzeug wirklich abmelden wollen.",
                                "Last, you uncover the security codes: on the seals of the plates (scratch field) and on the registration certificate part I (covered field). An uncovered code cannot be covered again: the plate then counts as unstamped and the certificate part I as invalid. If the online deregistration then fails, you have to go to the registration authority. So only uncover the codes if you really want to deregister the vehicle."))))
                        .fields(Stream.concat(Stream.of(Field.required(HINWEIS_GELESEN, FieldType.YES_NO,
                                t("Ich habe den Hinweis gelesen und verstanden.", "I have read and understood the notice."), null)),
                                codes.stream().map(Registration::afterWarning)).toList())
                        .stops(List.of(Registration.warningNotConfirmed()))
                        .build());
        return ProcedureDescription.builder(ID, t("Fahrzeug abmelden (Außerbetriebsetzung)", "Deregister a vehicle"))
                .summary(t("Melden Sie Ihr Fahrzeug online ab. Sie brauchen das Kennzeichen, die Sicherheitscodes der beiden Stempelplaketten und den Sicherheitscode der Zulassungsbescheinigung Teil I.",
                        "Deregister your vehicle online. You need the plate number, the security codes of both plate seals and the security code of the registration certificate part I."))
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

    private static LocalizedText t(String german, String english) {
        return LocalizedText.of(german, english);
    }

    /** What its own conditions judge: the register's data. */
    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(Facts.ZFZR_REGISTERED, Facts.ZFZR_APPLICANT_IS_HOLDER);
    }
}
