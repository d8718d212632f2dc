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
        return DialogStep.builder("voraussetzungen", t("Geht es online?", "Can it be done online?"))
                .intro(t("Bitte beantworten Sie vier kurze Fragen. Wenn eine davon mit Ja beantwortet wird, geht es nur bei der Zulassungsbehörde.",
                        "Please answer four short questions. If one of them is yes, it can only be done at the registration authority."))
                .fields(List.of(Field.required(VERSICHERUNGSFREI, FieldType.YES_NO,
                                t("Sind Sie als Halter von der Versicherungspflicht befreit?", "Are you, as holder, exempt from compulsory insurance?"),
                                t("Das betrifft zum Beispiel Bund, Länder und große Gemeinden (§ 2 Pflichtversicherungsgesetz). Privatpersonen und Firmen wählen Nein.",
                                        "This concerns e.g. the federal and state governments and large municipalities. Private persons and companies choose No.")),
                        Field.required(ZULASSUNGSFREI, FieldType.YES_NO,
                                t("Ist das Fahrzeug von der Zulassungspflicht ausgenommen?", "Is the vehicle exempt from registration?"),
                                t("Zum Beispiel bestimmte Anhänger oder selbstfahrende Arbeitsmaschinen. Für Pkw und Motorräder wählen Sie Nein.",
                                        "E.g. certain trailers or self-propelled machinery. For cars and motorcycles choose No.")),
                        Field.required(FAHRZEUGDATEN_GEAENDERT, FieldType.YES_NO,
                                t("Wurde das Fahrzeug technisch verändert, ohne dass es eingetragen ist?", "Was the vehicle technically changed without the change being recorded?"),
                                t("Zum Beispiel ein Umbau, andere Räder oder ein anderer Motor, die noch nicht in den Fahrzeugpapieren stehen.",
                                        "E.g. a conversion, other wheels or another engine not yet in the vehicle documents.")),
                        Field.required(AUSNAHME_HALTER, FieldType.YES_NO,
                                t("Brauchen Sie für das Fahrzeug eine Ausnahmegenehmigung, die an Ihre Person gebunden ist?",
                                        "Do you need an exemption for the vehicle that is bound to your person?"),
                                t("Zum Beispiel eine Ausnahme von Bau- und Betriebsvorschriften. Die meisten wählen Nein.",
                                        "E.g. an exemption from construction and operating rules. Most people choose No."))))
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
                case WAHL_BEHALTEN -> new Choice(c, t("Bisheriges Kennzeichen behalten", "Keep the present plate"));
                case WAHL_ZUTEILEN -> new Choice(c, t("Ein freies Kennzeichen zuteilen lassen", "Have a free plate assigned"));
                case WAHL_WUNSCH -> new Choice(c, t("Wunschkennzeichen (10,20 € zusätzlich)", "Chosen plate (10.20 € extra)"));
                case WAHL_RESERVIERT -> new Choice(c, t("Das bei der Abmeldung reservierte Kennzeichen", "The plate reserved at deregistration"));
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
        String[] de = {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"};
        String[] en = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};
        for (int m = 1; m <= 12; m++) {
            months.add(new Choice(Integer.toString(m), t(de[m - 1], en[m - 1])));
        }
        return List.of(
                Field.builder(KENNZEICHEN_WAHL, FieldType.CHOICE, t("Welches Kennzeichen soll das Fahrzeug bekommen?", "Which plate should the vehicle get?"))
                        .choices(options)
                        .visibleWhen(visible)
                        .build(),
                Field.builder(WUNSCHKENNZEICHEN, FieldType.KENNZEICHEN, t("Ihr Wunschkennzeichen", "Your chosen plate"))
                        .help(t("Mit dem Unterscheidungszeichen Ihrer Zulassungsbehörde, zum Beispiel ERZ-AB 123. Wir prüfen, ob es frei ist, und reservieren es.",
                                "With the district code of your authority, e.g. ERZ-AB 123. We check whether it is free and reserve it."))
                        .visibleWhen(wunsch)
                        .build(),
                Field.builder(KENNZEICHEN_ART, FieldType.CHOICE, t("Art des Kennzeichens", "Kind of plate"))
                        .choices(List.of(
                        new Choice(ART_ALLGEMEIN, t("Normales Kennzeichen", "Ordinary plate")),
                        new Choice(ART_SAISON, t("Saisonkennzeichen", "Seasonal plate")),
                        new Choice(ART_ELEKTRO, t("E-Kennzeichen (Elektrofahrzeug)", "E plate (electric vehicle)")),
                        new Choice(ART_HISTORISCH, t("H-Kennzeichen (Oldtimer)", "H plate (historic vehicle)"))))
                        .visibleWhen(neu)
                        .build(),
                Field.builder(SAISON_VON, FieldType.CHOICE, t("Saison von", "Season from"))
                        .choices(months)
                        .visibleWhen(saison)
                        .build(),
                Field.builder(SAISON_BIS, FieldType.CHOICE, t("Saison bis", "Season until"))
                        .choices(months)
                        .visibleWhen(saison)
                        .build());
    }

    /** A notice for steps with plate choices: what each choice costs and what comes by post. */
    public static Notice plateNotice() {
        return new Notice(Notice.Kind.INFO, t(
                "Die Plakettenträger mit den Stempelplaketten und die Zulassungsbescheinigung kommen per Post. Die Kennzeichenschilder lassen Sie bei einem Schilderhersteller prägen.",
                "The seal carriers with the seals and the registration certificate come by post. Have the plates made by a plate maker."));
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
            findings.add(new Finding(KENNZEICHEN_ART, t(
                    "Ein H-Kennzeichen wird zum ersten Mal nur bei der Zulassungsbehörde zugeteilt (mit Gutachten). Online können Sie ein normales, ein Saison- oder ein E-Kennzeichen wählen.",
                    "An H plate is assigned for the first time only at the authority (with an expert report). Online you can choose an ordinary, seasonal or E plate.")));
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
        String documents = zb1 && zb2 ? "der Zulassungsbescheinigung Teil I und Teil II"
                : zb1 ? "der Zulassungsbescheinigung Teil I" : "der Zulassungsbescheinigung Teil II";
        String documentsEn = zb1 && zb2 ? "registration certificate parts I and II"
                : zb1 ? "registration certificate part I" : "registration certificate part II";
        return DialogStep.builder("hinweis", t("Bevor Sie etwas freilegen", "Before you uncover anything"))
                .notices(List.of(new Notice(Notice.Kind.WARNING, t(
                        // FZV § 21(2): an uncovered marking makes the document invalid ("Dokument nicht mehr gültig")
                        "Gleich fragen wir nach dem Sicherheitscode " + documents + ". Er liegt unter einem verdeckten Feld. "
                                + "Wenn Sie das Feld freilegen, wird das Dokument ungültig (dort steht dann „Dokument nicht mehr gültig“). "
                                + "Gelingt der Online-Antrag danach nicht, müssen Sie zur Zulassungsbehörde und brauchen Ersatz. "
                                + "Alle anderen Angaben haben Sie schon gemacht. Legen Sie den Code erst frei, wenn Sie den Antrag jetzt stellen möchten.",
                        "Next we ask for the security code of the " + documentsEn + ". It is under a covered field. "
                                + "Uncovering it makes the document invalid (it then says \"Dokument nicht mehr gültig\"). "
                                + "If the online application then fails, you have to go to the registration authority and need a replacement. "
                                + "You have given all other details already. Only uncover the code when you want to apply now."))))
                .fields(List.of(Field.required(HINWEIS_GELESEN, FieldType.YES_NO,
                        t("Ich habe den Hinweis gelesen und verstanden.", "I have read and understood the notice."), null)))
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
        return DialogStep.builder("sicherheitscodes", zb1 && zb2 ? t("Sicherheitscodes", "Security codes") : t("Sicherheitscode", "Security code"))
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
        return DialogStep.builder("versicherung", t("Versicherung und Kfz-Steuer", "Insurance and vehicle tax"))
                .intro(t("Ihre Kfz-Versicherung gibt Ihnen eine eVB-Nummer (elektronische Versicherungsbestätigung); wir prüfen sie direkt bei den Versicherern. Die Kfz-Steuer zieht der Zoll per Lastschrift ein: Mit Ihrer IBAN erteilen Sie das SEPA-Lastschriftmandat, der Zoll prüft es sofort.",
                        "Your motor insurer gives you an eVB number (electronic insurance confirmation); we check it directly with the insurers. The vehicle tax is collected by customs by direct debit: with your IBAN you give the SEPA mandate, which customs checks at once."))
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
        return new Stop(Condition.when(HINWEIS_GELESEN, "false"), t(
                "Bitte legen Sie noch keinen Sicherheitscode frei. Lesen Sie den Hinweis oben und bestätigen Sie ihn mit Ja, wenn Sie "
                        + "online weitermachen möchten. Ohne Bestätigung geht es nur bei der Zulassungsbehörde.",
                "Please do not uncover any security code yet. Read the notice above and confirm it with Yes if you want to go on "
                        + "online. Without confirmation it can only be done at the registration authority."));
    }

    /** FZV § 21: the applicant confirmed the warning before the codes, or is told to. */
    public static List<Finding> warningFindings(Answers answers) {
        if (yes(answers, HINWEIS_GELESEN)) {
            return List.of();
        }
        return List.of(new Finding(HINWEIS_GELESEN, t(
                "Bitte bestätigen Sie, dass Sie den Hinweis zum Freilegen der Sicherheitscodes gelesen haben.",
                "Please confirm that you have read the notice on uncovering the security codes.")));
    }

    /** The ZB I security code field (FZV Anlage 6). */
    public static Field zb1Field() {
        return Field.required(ZB1_CODE, FieldType.ZB1_CODE,
                t("Sicherheitscode der Zulassungsbescheinigung Teil I (7 Zeichen)", "Security code of the registration certificate part I (7 characters)"),
                t("Auf der Vorderseite der Zulassungsbescheinigung Teil I unter dem verdeckten Feld.",
                        "On the front of the registration certificate part I, under the covered field."));
    }

    /** The ZB II security code field (FZV Anlage 8), shown when the condition holds (or always). */
    public static Field zb2Field(Condition visible) {
        return Field.builder(ZB2_CODE, FieldType.ZB2_CODE, t("Sicherheitscode der Zulassungsbescheinigung Teil II (12 Zeichen)", "Security code of the registration certificate part II (12 characters)"))
                .help(t("Auf der Zulassungsbescheinigung Teil II (Fahrzeugbrief) unter dem verdeckten Feld.",
                        "On the registration certificate part II, under the covered field."))
                .visibleWhen(visible)
                .build();
    }

    /** FZV § 26(2) Nr. 2 (2019: § 15i(2) Nr. 2), Anlage 11 Nr. 4: the eVB number. */
    public static DialogStep insuranceStep(Condition visible) {
        return DialogStep.builder("versicherung", t("Versicherung", "Insurance"))
                .intro(t("Ihre Kfz-Versicherung gibt Ihnen eine eVB-Nummer (elektronische Versicherungsbestätigung). Wir prüfen sie direkt bei den Versicherern.",
                        "Your motor insurer gives you an eVB number (electronic insurance confirmation). We check it directly with the insurers."))
                .fields(List.of(Field.required(EVB, FieldType.EVB, t("eVB-Nummer (7 Zeichen)", "eVB number (7 characters)"),
                        t("Steht in der Bestätigung Ihrer Versicherung, zum Beispiel per E-Mail oder SMS.",
                                "In your insurer's confirmation, e.g. by e-mail or text message."))))
                .visibleWhen(visible)
                .build();
    }

    /** FZV § 26(2) Nr. 3 (2019: § 15i(2) Nr. 3), Anlage 11 Nr. 5: the SEPA mandate for the vehicle tax. */
    public static DialogStep taxStep(Condition visible) {
        return DialogStep.builder("steuer", t("Kfz-Steuer", "Vehicle tax"))
                .intro(t("Die Kfz-Steuer zieht der Zoll per Lastschrift ein. Mit diesen Angaben erteilen Sie das SEPA-Lastschriftmandat; der Zoll prüft es sofort. Eine Bestätigung können Sie danach speichern oder drucken.",
                        "The vehicle tax is collected by customs by direct debit. With these details you give the SEPA mandate; customs checks it at once. You can then save or print a confirmation."))
                .fields(List.of(Field.required(IBAN, FieldType.IBAN, t("IBAN des Kontos", "IBAN of the account"),
                                t("Die IBAN wird nur für das Mandat verwendet und nicht wieder angezeigt.", "The IBAN is only used for the mandate and not shown again.")),
                        Field.required(SEPA_KONTOINHABER, FieldType.TEXT, t("Kontoinhaberin oder Kontoinhaber", "Account holder"),
                                t("Vor- und Nachname, wie bei der Bank.", "First and last name, as at the bank."))))
                .visibleWhen(visible)
                .build();
    }

    /** FZV § 22 (Anlage 10): the next HU from the register, or the Prüfziffer of the last HU report. */
    public static DialogStep huStep(Condition visible) {
        return DialogStep.builder("hu", t("Hauptuntersuchung (HU)", "Roadworthiness test (HU)"))
                .intro(t("Wann ist die nächste HU fällig? Das steht auf der Prüfplakette hinten und im HU-Bericht. Stimmt es mit dem Fahrzeugregister überein, sind Sie fertig; sonst brauchen wir die Prüfziffer aus dem HU-Bericht.",
                        "When is the next HU due? It is on the rear inspection sticker and in the HU report. If it matches the vehicle register, you are done; otherwise we need the check number (Prüfziffer) from the HU report."))
                .fields(List.of(Field.required(HU_NAECHSTE, FieldType.MONTH, t("Nächste HU fällig (Monat und Jahr)", "Next HU due (month and year)"),
                                t("Zum Beispiel 04.2027.", "For example 04.2027.")),
                        Field.builder(HU_PRUEFZIFFER, FieldType.TEXT, t("Prüfziffer aus dem HU-Bericht (falls nötig)", "Check number from the HU report (if needed)"))
                                .help(t("Nur nötig, wenn wir danach fragen.", "Only needed if we ask for it."))
                                .optional()
                                .build(),
                        Field.builder(HU_DATUM, FieldType.DATE, t("Datum der letzten HU (falls nötig)", "Date of the last HU (if needed)"))
                                .optional()
                                .build(),
                        Field.builder(HU_STELLE, FieldType.CHOICE, t("Prüforganisation der letzten HU (falls nötig)", "Testing organisation of the last HU (if needed)"))
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
        exclusions.put(VERSICHERUNGSFREI, counter("Halter, die von der Versicherungspflicht befreit sind,",
                "Holders exempt from compulsory insurance"));
        // § 26(1) Nr. 3: the vehicle is not exempt from the registration procedure
        exclusions.put(ZULASSUNGSFREI, counter("Zulassungsfreie Fahrzeuge", "Vehicles exempt from registration"));
        // § 26(1) Nr. 6: no change of the vehicle data against the register (or the CoC)
        exclusions.put(FAHRZEUGDATEN_GEAENDERT, counter("Technisch veränderte Fahrzeuge, deren Änderung noch nicht eingetragen ist,",
                "Technically changed vehicles whose change is not yet recorded"));
        // § 26: no holder-specific exemption
        exclusions.put(AUSNAHME_HALTER, counter("Fahrzeuge mit einer personengebundenen Ausnahmegenehmigung",
                "Vehicles with an exemption bound to the holder"));
        return java.util.Collections.unmodifiableMap(exclusions);
    }

    private static LocalizedText counter(String german, String english) {
        return t(german + " können nur bei der Zulassungsbehörde zugelassen werden, nicht online. Wenn Sie sich verklickt haben, ändern Sie die Antwort.",
                english + " can only be registered at the registration authority, not online. If you chose this by mistake, change the answer.");
    }

    private static boolean yes(Answers answers, String field) {
        return answers.get(field).map(TRUE::equals).orElse(false);
    }

    private static LocalizedText t(String german, String english) {
        return LocalizedText.of(german, english);
    }
}
