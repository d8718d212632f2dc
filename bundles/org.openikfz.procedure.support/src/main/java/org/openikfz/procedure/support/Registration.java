package org.openikfz.procedure.support;

import static org.openikfz.api.dialog.SharedFields.*;

import java.util.ArrayList;
import java.util.List;
import org.openikfz.api.check.Finding;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Choice;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.dialog.Notice;
import org.openikfz.api.dialog.Stop;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.text.Texts;

/**
 * What the registration procedures (Erstzulassung, Wiederzulassung, Umschreibung) share: the common
 * conditions of FZV § 26 (2019: § 15i) as a dialog step with their rule, the steps and fields of the plate,
 * the security codes, insurance, tax and HU, with their texts. Value data and pure rules; the procedures
 * decide which parts they use. The ids of the fields these ask are the SPI's
 * ({@link org.openikfz.api.dialog.SharedFields}): checks and the platform rely on them.
 *
 * <p>Law content changes with the ordinance; here it does so without a change to the SPI.
 */
public final class Registration {

    /** The kit's texts: OSGI-INF/l10n/registration.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(Registration.class, "OSGI-INF/l10n/registration");

    private Registration() {
    }

    /** The testing organisations a HU report names, as choices of {@link #HU_STELLE}. */
    public static final List<Choice> HU_STELLEN = List.of(
            new Choice("TUEV", LocalizedText.of("TÜV", "TÜV")),
            new Choice("DEKRA", LocalizedText.of("DEKRA", "DEKRA")),
            new Choice("GTUE", LocalizedText.of("GTÜ", "GTÜ")),
            new Choice("KUES", LocalizedText.of("KÜS", "KÜS")),
            new Choice("FSP", LocalizedText.of("FSP", "FSP")));

    private static final String TRUE = "true";

    /**
     * The dialog step that asks the exclusions of FZV § 26: each "yes" means the registration cannot be
     * done online.
     */
    /**
     * What a registration or its change sends by post (2019: § 15i(4) S. 1): the ZB I always, the ZB II
     * unless the ordinance leaves it out ({@code zb2} false: § 15k(4) Nr. 2 same holder, § 15l(3) S. 2 Nr. 2
     * a move keeping the plate), the seals on their carriers with the HU sticker unless the plate and its
     * seals are kept ({@code seals} false: § 15l(4) Nr. 3).
     *
     * @param others the case's other outputs (decision document, notices, …), returned with these
     * @since 1.2
     */
    public static java.util.Set<Output> documentsByPost(boolean zb2, boolean seals, Output... others) {
        java.util.Set<Output> outputs = java.util.EnumSet.of(Output.DOCUMENTS_BY_POST, Output.ZB1_BY_POST);
        outputs.addAll(java.util.List.of(others));
        if (zb2) {
            outputs.add(Output.ZB2_BY_POST);
        }
        if (seals) {
            outputs.add(Output.SEAL_CARRIERS_BY_POST);
            // FZV § 22(1) S. 3 (2019: § 15e(1) S. 3): the HU sticker is allotted by sending it with the seals
            outputs.add(Output.HU_SEAL_CARRIER_BY_POST);
        }
        return outputs;
    }

    public static DialogStep conditionsStep() {
        return DialogStep.builder("voraussetzungen", TEXTS.get("conditionsStep.can-it-be-done-online"))
                .intro(TEXTS.get("conditionsStep.please-answer-four-short-questions"))
                .fields(List.of(Field.required(VERSICHERUNGSFREI, FieldType.YES_NO,
                                TEXTS.get("conditionsStep.are-you-as-holder-exempt"),
                                TEXTS.get("conditionsStep.this-concerns-e-g-the")),
                        Field.required(ZULASSUNGSFREI, FieldType.YES_NO,
                                TEXTS.get("conditionsStep.is-the-vehicle-exempt-from"),
                                TEXTS.get("conditionsStep.e-g-certain-trailers-or")),
                        Field.required(FAHRZEUGDATEN_GEAENDERT, FieldType.YES_NO,
                                TEXTS.get("conditionsStep.was-the-vehicle-technically-changed"),
                                TEXTS.get("conditionsStep.e-g-a-conversion-other")),
                        Field.required(AUSNAHME_HALTER, FieldType.YES_NO,
                                TEXTS.get("conditionsStep.do-you-need-an-exemption"),
                                TEXTS.get("conditionsStep.e-g-an-exemption-from"))))
                // said on this step, before any code is asked for: a "yes" cannot be corrected online (FZV § 26)
                .stops(EXCLUSIONS.entrySet().stream().map(e -> new Stop(Condition.when(e.getKey(), TRUE), e.getValue())).toList())
                .build();
    }

    /**
     * The fields for a new plate: how it is chosen, the chosen plate, its kind and season.
     *
     * @param choices  which of {@link #WAHL_BEHALTEN}, {@link #WAHL_ZUTEILEN}, {@link #WAHL_WUNSCH},
     *                 {@link #WAHL_RESERVIERT} the procedure offers, in this order
     * @param visible  shown only when this holds, or {@code null}
     */
    public static List<Field> plateFields(List<String> choices, Condition visible) {
        List<Choice> options = new ArrayList<>();
        for (String c : choices) {
            options.add(switch (c) {
                case WAHL_BEHALTEN -> new Choice(c, TEXTS.get("plateFields.keep-the-present-plate"));
                case WAHL_ZUTEILEN -> new Choice(c, TEXTS.get("plateFields.have-a-free-plate-assigned"));
                case WAHL_WUNSCH -> new Choice(c, TEXTS.get("plateFields.chosen-plate-10-20-extra"));
                case WAHL_RESERVIERT -> new Choice(c, TEXTS.get("plateFields.the-plate-reserved-at-deregistration"));
                default -> throw new IllegalArgumentException("not a plate choice: " + c);
            });
        }
        Condition wunsch = Condition.when(KENNZEICHEN_WAHL, WAHL_WUNSCH);
        Condition neu = Condition.whenAny(KENNZEICHEN_WAHL, WAHL_ZUTEILEN, WAHL_WUNSCH);
        Condition saison = Condition.when(KENNZEICHEN_ART, ART_SAISON);
        if (visible != null) {
            wunsch = visible.and(wunsch);
            neu = visible.and(neu);
            saison = visible.and(neu).and(saison);
        }
        List<Choice> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(new Choice(Integer.toString(m), TEXTS.get("month." + m)));
        }
        return List.of(
                Field.builder(KENNZEICHEN_WAHL, FieldType.CHOICE, TEXTS.get("plateFields.which-plate-should-the-vehicle"))
                        .choices(options)
                        .visibleWhen(visible)
                        .build(),
                Field.builder(WUNSCHKENNZEICHEN, FieldType.KENNZEICHEN, TEXTS.get("plateFields.your-chosen-plate"))
                        .help(TEXTS.get("plateFields.with-the-district-code-of"))
                        .visibleWhen(wunsch)
                        .build(),
                Field.builder(KENNZEICHEN_ART, FieldType.CHOICE, TEXTS.get("plateFields.kind-of-plate"))
                        .choices(List.of(
                        new Choice(ART_ALLGEMEIN, TEXTS.get("plateFields.ordinary-plate")),
                        new Choice(ART_SAISON, TEXTS.get("plateFields.seasonal-plate")),
                        new Choice(ART_ELEKTRO, TEXTS.get("plateFields.e-plate-electric-vehicle")),
                        new Choice(ART_HISTORISCH, TEXTS.get("plateFields.h-plate-historic-vehicle"))))
                        .visibleWhen(neu)
                        .build(),
                Field.builder(SAISON_VON, FieldType.CHOICE, TEXTS.get("plateFields.season-from"))
                        .choices(months)
                        .visibleWhen(saison)
                        .build(),
                Field.builder(SAISON_BIS, FieldType.CHOICE, TEXTS.get("plateFields.season-until"))
                        .choices(months)
                        .visibleWhen(saison)
                        .build());
    }

    /** A notice for steps with plate choices: what each choice costs and what comes by post. */
    public static Notice plateNotice() {
        return new Notice(Notice.Kind.INFO, TEXTS.get("plateNotice.the-seal-carriers-with-the"));
    }

    /**
     * FZV § 26 (2019: § 15i(1)): the exclusions and the plate kinds allowed online. Each finding says
     * that the registration can only be done at the authority.
     */
    public static List<Finding> conditionFindings(Answers answers) {
        List<Finding> findings = new ArrayList<>();
        EXCLUSIONS.forEach((field, text) -> {
            if (yes(answers, field)) {
                findings.add(new Finding(field, text));
            }
        });
        // § 26(1) Nr. 4: general, Saison or E plates; an H plate only when it is already assigned
        boolean newPlate = answers.get(KENNZEICHEN_WAHL).map(w -> w.equals(WAHL_ZUTEILEN) || w.equals(WAHL_WUNSCH)).orElse(false);
        if (newPlate && answers.get(KENNZEICHEN_ART).map(ART_HISTORISCH::equals).orElse(false)) {
            findings.add(new Finding(KENNZEICHEN_ART, TEXTS.get("conditionFindings.an-h-plate-is-assigned")));
        }
        return findings;
    }

    /**
     * FZV § 21: the step before any security code is uncovered — what uncovering does, and a
     * confirmation. Place it right before the step with the codes, and both last in the dialog: every
     * other answer is given (and every stop said) before a code is uncovered.
     *
     * @param zb2 whether the ZB II code is (or may be) asked too
     */
    public static DialogStep securityCodeWarningStep(boolean zb1, boolean zb2) {
        LocalizedText documents = TEXTS.get(zb1 && zb2 ? "securityCodeWarningStep.documents.both"
                : zb1 ? "securityCodeWarningStep.documents.zb1" : "securityCodeWarningStep.documents.zb2");
        return DialogStep.builder("hinweis", TEXTS.get("securityCodeWarningStep.before-you-uncover-anything"))
                // FZV § 21(2): an uncovered marking makes the document invalid ("Dokument nicht mehr gültig")
                .notices(List.of(new Notice(Notice.Kind.WARNING, TEXTS.format("securityCodeWarningStep.warning", documents))))
                .fields(List.of(Field.required(HINWEIS_GELESEN, FieldType.YES_NO,
                        TEXTS.get("securityCodeWarningStep.i-have-read-and-understood"), null)))
                .stops(List.of(warningNotConfirmed()))
                .build();
    }

    /**
     * FZV § 21(2): the warning and the codes on one screen, the codes last: the code fields appear only once the
     * warning is confirmed with Ja, and Nein stops the dialog there (no code asked). One screen less than a warning
     * step followed by a codes step.
     *
     * @param zb1 whether the ZB I code is asked
     * @param zb2 whether the ZB II code is (or may be) asked too
     * @param intro the codes' introduction
     * @param codes the code fields, each shown after the warning's confirmation (and under its own condition)
     * @since 1.4
     */
    public static DialogStep securityCodesStep(boolean zb1, boolean zb2, LocalizedText intro, List<Field> codes) {
        DialogStep warning = securityCodeWarningStep(zb1, zb2);
        List<Field> fields = new ArrayList<>(warning.fields());
        codes.forEach(code -> fields.add(afterWarning(code)));
        return DialogStep.builder("sicherheitscodes", zb1 && zb2 ? TEXTS.get("securityCodesStep.security-codes") : TEXTS.get("securityCodesStep.security-code"))
                .intro(intro)
                .notices(warning.notices())
                .fields(fields)
                .stops(warning.stops())
                .build();
    }

    /**
     * FZV § 21: a code field shown only once the warning before the codes is confirmed (and under its own condition).
     *
     * @since 1.4
     */
    public static Field afterWarning(Field code) {
        Condition confirmed = Condition.when(HINWEIS_GELESEN, TRUE);
        return Field.builder(code.id(), code.type(), code.label())
                .help(code.help())
                .required(code.required())
                .choices(code.choices())
                .visibleWhen(code.visibleWhen() == null ? confirmed : confirmed.and(code.visibleWhen()))
                .build();
    }

    /**
     * FZV § 26(2) Nr. 2 and 3, Anlage 11 Nr. 4 and 5: the eVB number and the SEPA mandate for the vehicle tax on one
     * screen, each under its own condition (the step is shown when either is).
     *
     * @since 1.4
     */
    public static DialogStep insuranceAndTaxStep(Condition insurance, Condition tax) {
        DialogStep evb = insuranceStep(insurance);
        DialogStep mandate = taxStep(tax);
        List<Field> fields = new ArrayList<>();
        evb.fields().forEach(f -> fields.add(Field.builder(f.id(), f.type(), f.label())
                .help(f.help())
                .required(f.required())
                .choices(f.choices())
                .visibleWhen(insurance)
                .build()));
        mandate.fields().forEach(f -> fields.add(Field.builder(f.id(), f.type(), f.label())
                .help(f.help())
                .required(f.required())
                .choices(f.choices())
                .visibleWhen(tax)
                .build()));
        Condition either = insurance == null || tax == null ? null : insurance.or(tax);
        return DialogStep.builder("versicherung", TEXTS.get("insuranceAndTaxStep.insurance-and-vehicle-tax"))
                .intro(TEXTS.get("insuranceAndTaxStep.your-motor-insurer-gives-you"))
                .fields(fields)
                .visibleWhen(either)
                .build();
    }

    /**
     * FZV § 21: the warning before the codes not confirmed — the dialog stops on its step, before any
     * code is asked for. For a procedure's own warning step.
     *
     * @since 1.3
     */
    public static Stop warningNotConfirmed() {
        return new Stop(Condition.when(HINWEIS_GELESEN, "false"), TEXTS.get("warningNotConfirmed.please-do-not-uncover-any"));
    }

    /** FZV § 21: the applicant confirmed the warning before the codes, or is told to. */
    public static List<Finding> warningFindings(Answers answers) {
        if (yes(answers, HINWEIS_GELESEN)) {
            return List.of();
        }
        return List.of(new Finding(HINWEIS_GELESEN, TEXTS.get("warningFindings.please-confirm-that-you-have")));
    }

    /** The ZB I security code field (FZV Anlage 6). */
    public static Field zb1Field() {
        return Field.required(ZB1_CODE, FieldType.ZB1_CODE,
                TEXTS.get("zb1Field.security-code-of-the-registration"),
                TEXTS.get("zb1Field.on-the-front-of-the"));
    }

    /** The ZB II security code field (FZV Anlage 8), shown when the condition holds (or always). */
    public static Field zb2Field(Condition visible) {
        return Field.builder(ZB2_CODE, FieldType.ZB2_CODE, TEXTS.get("zb2Field.security-code-of-the-registration"))
                .help(TEXTS.get("zb2Field.on-the-registration-certificate-part"))
                .visibleWhen(visible)
                .build();
    }

    /** FZV § 26(2) Nr. 2 (2019: § 15i(2) Nr. 2), Anlage 11 Nr. 4: the eVB number. */
    public static DialogStep insuranceStep(Condition visible) {
        return DialogStep.builder("versicherung", TEXTS.get("insuranceStep.insurance"))
                .intro(TEXTS.get("insuranceStep.your-motor-insurer-gives-you"))
                .fields(List.of(Field.required(EVB, FieldType.EVB, TEXTS.get("insuranceStep.evb-number-7-characters"),
                        TEXTS.get("insuranceStep.in-your-insurer-s-confirmation"))))
                .visibleWhen(visible)
                .build();
    }

    /** FZV § 26(2) Nr. 3 (2019: § 15i(2) Nr. 3), Anlage 11 Nr. 5: the SEPA mandate for the vehicle tax. */
    public static DialogStep taxStep(Condition visible) {
        return DialogStep.builder("steuer", TEXTS.get("taxStep.vehicle-tax"))
                .intro(TEXTS.get("taxStep.the-vehicle-tax-is-collected"))
                .fields(List.of(Field.required(IBAN, FieldType.IBAN, TEXTS.get("taxStep.iban-of-the-account"),
                                TEXTS.get("taxStep.the-iban-is-only-used")),
                        Field.required(SEPA_KONTOINHABER, FieldType.TEXT, TEXTS.get("taxStep.account-holder"),
                                TEXTS.get("taxStep.first-and-last-name-as"))))
                .visibleWhen(visible)
                .build();
    }

    /** FZV § 22 (Anlage 10): the next HU from the register, or the Prüfziffer of the last HU report. */
    public static DialogStep huStep(Condition visible) {
        return DialogStep.builder("hu", TEXTS.get("huStep.roadworthiness-test-hu"))
                .intro(TEXTS.get("huStep.when-is-the-next-hu"))
                .fields(List.of(Field.required(HU_NAECHSTE, FieldType.MONTH, TEXTS.get("huStep.next-hu-due-month-and"),
                                TEXTS.get("huStep.for-example-04-2027")),
                        Field.builder(HU_PRUEFZIFFER, FieldType.TEXT, TEXTS.get("huStep.check-number-from-the-hu"))
                                .help(TEXTS.get("huStep.only-needed-if-we-ask"))
                                .optional()
                                .build(),
                        Field.builder(HU_DATUM, FieldType.DATE, TEXTS.get("huStep.date-of-the-last-hu"))
                                .optional()
                                .build(),
                        Field.builder(HU_STELLE, FieldType.CHOICE, TEXTS.get("huStep.testing-organisation-of-the-last"))
                                .optional()
                                .choices(HU_STELLEN)
                                .build()))
                .visibleWhen(visible)
                .build();
    }

    /**
     * FZV § 26 (2019: § 15i(1)): the exclusions of online registration, by the field that asks them, with
     * what the applicant is told when one is answered "yes" (at once on the step, and by the verification).
     */
    private static final java.util.Map<String, LocalizedText> EXCLUSIONS = exclusions();

    private static java.util.Map<String, LocalizedText> exclusions() {
        java.util.Map<String, LocalizedText> exclusions = new java.util.LinkedHashMap<>();
        // § 26(1) Nr. 2 (2019: § 15i(1) Nr. 2): not exempt from compulsory insurance (§ 2(1) PflVG)
        exclusions.put(VERSICHERUNGSFREI, counter("versicherungsfrei"));
        // § 26(1) Nr. 3: the vehicle is not exempt from the registration procedure
        exclusions.put(ZULASSUNGSFREI, counter("zulassungsfrei"));
        // § 26(1) Nr. 6: no change of the vehicle data against the register (or the CoC)
        exclusions.put(FAHRZEUGDATEN_GEAENDERT, counter("fahrzeugdatenGeaendert"));
        // § 26: no holder-specific exemption
        exclusions.put(AUSNAHME_HALTER, counter("ausnahmeHalter"));
        return java.util.Collections.unmodifiableMap(exclusions);
    }

    /** "… can only be registered at the authority": the counter's sentence about whom the exclusion concerns. */
    private static LocalizedText counter(String exclusion) {
        return TEXTS.format("exclusion.counterOnly", TEXTS.get("exclusion." + exclusion));
    }

    private static boolean yes(Answers answers, String field) {
        return answers.get(field).map(TRUE::equals).orElse(false);
    }
}
