package org.openikfz.api.procedure;

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
import org.openikfz.api.text.LocalizedText;

/**
 * What the registration procedures (Erstzulassung, Wiederzulassung, Umschreibung) share: the common
 * conditions of FZV § 26 (2019: § 15i) as a dialog step with their rule, and the ids of the fields
 * through which procedures and checks understand each other (a check finds the answers it needs by
 * field type, or — where a type is not unique — by these ids). Value data and one pure rule; the
 * procedures decide which parts they use.
 *
 * @since 1.1
 */
public final class Registration {

    private Registration() {
    }

    // ---- field ids shared by procedures and checks ----
    /** The new plate: how it is chosen ({@link #WAHL_BEHALTEN}, {@link #WAHL_ZUTEILEN}, ...). */
    public static final String KENNZEICHEN_WAHL = "kennzeichenWahl";
    /** Keep the plate the vehicle has (Umschreibung). */
    public static final String WAHL_BEHALTEN = "behalten";
    /** The authority assigns a free plate. */
    public static final String WAHL_ZUTEILEN = "zuteilen";
    /** A chosen plate (Wunschkennzeichen), +10.20 € (GebOSt 221 S. 3). */
    public static final String WAHL_WUNSCH = "wunsch";
    /** The plate reserved at the Außerbetriebsetzung (FZV § 14(1) S. 4 in the 2019 text). */
    public static final String WAHL_RESERVIERT = "reserviert";
    /** The chosen plate (type KENNZEICHEN); never the vehicle's present plate. */
    public static final String WUNSCHKENNZEICHEN = "wunschkennzeichen";
    /** The kind of the new plate: {@link #ART_ALLGEMEIN}, {@link #ART_SAISON}, {@link #ART_ELEKTRO}, {@link #ART_HISTORISCH}. */
    public static final String KENNZEICHEN_ART = "kennzeichenArt";
    public static final String ART_ALLGEMEIN = "allgemein";
    public static final String ART_SAISON = "saison";
    public static final String ART_ELEKTRO = "elektro";
    public static final String ART_HISTORISCH = "historisch";
    /** First and last month of a Saisonkennzeichen (CHOICE 1–12). */
    public static final String SAISON_VON = "saisonVon";
    public static final String SAISON_BIS = "saisonBis";

    /** Account holder of the SEPA mandate for the vehicle tax (TEXT); the IBAN is the field of type IBAN. */
    public static final String SEPA_KONTOINHABER = "sepaKontoinhaber";

    /** HU proof (FZV § 22): month of the next HU (MONTH). */
    public static final String HU_NAECHSTE = "huNaechste";
    /** HU proof by Prüfziffer (FZV § 22(4)): the Prüfziffer (TEXT), date of the last HU (DATE), organisation (CHOICE). */
    public static final String HU_PRUEFZIFFER = "huPruefziffer";
    public static final String HU_DATUM = "huDatum";
    public static final String HU_STELLE = "huStelle";
    /** The testing organisations a HU report names, as choices of {@link #HU_STELLE}. */
    public static final List<Choice> HU_STELLEN = List.of(
            new Choice("TUEV", LocalizedText.of("TÜV", "TÜV")),
            new Choice("DEKRA", LocalizedText.of("DEKRA", "DEKRA")),
            new Choice("GTUE", LocalizedText.of("GTÜ", "GTÜ")),
            new Choice("KUES", LocalizedText.of("KÜS", "KÜS")),
            new Choice("FSP", LocalizedText.of("FSP", "FSP")));

    /** The applicant confirms that no Verwertungsnachweis was issued (YES_NO, FZV § 29 / 2019 § 15k(5)). */
    public static final String KEIN_VERWERTUNGSNACHWEIS = "keinVerwertungsnachweis";

    // ---- FZV § 26 (2019: § 15i(1)): the common conditions ----
    public static final String VERSICHERUNGSFREI = "versicherungsfrei";
    public static final String ZULASSUNGSFREI = "zulassungsfrei";
    public static final String FAHRZEUGDATEN_GEAENDERT = "fahrzeugdatenGeaendert";
    public static final String AUSNAHME_HALTER = "ausnahmeHalter";

    private static final String TRUE = "true";

    /**
     * The dialog step that asks the exclusions of FZV § 26: each "yes" means the registration cannot be
     * done online.
     */
    public static DialogStep conditionsStep() {
        return new DialogStep("voraussetzungen", t("Geht es online?", "Can it be done online?"),
                t("Bitte beantworten Sie vier kurze Fragen. Wenn eine davon mit Ja beantwortet wird, geht es nur bei der Zulassungsbehörde.",
                        "Please answer four short questions. If one of them is yes, it can only be done at the registration authority."),
                List.of(),
                List.of(Field.required(VERSICHERUNGSFREI, FieldType.YES_NO,
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
                                        "E.g. an exemption from construction and operating rules. Most people choose No."))),
                null);
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
                new Field(KENNZEICHEN_WAHL, FieldType.CHOICE, t("Welches Kennzeichen soll das Fahrzeug bekommen?", "Which plate should the vehicle get?"),
                        null, true, options, visible),
                new Field(WUNSCHKENNZEICHEN, FieldType.KENNZEICHEN, t("Ihr Wunschkennzeichen", "Your chosen plate"),
                        t("Mit dem Unterscheidungszeichen Ihrer Zulassungsbehörde, zum Beispiel ERZ-AB 123. Wir prüfen, ob es frei ist, und reservieren es.",
                                "With the district code of your authority, e.g. ERZ-AB 123. We check whether it is free and reserve it."),
                        true, List.of(), wunsch),
                new Field(KENNZEICHEN_ART, FieldType.CHOICE, t("Art des Kennzeichens", "Kind of plate"), null, true, List.of(
                        new Choice(ART_ALLGEMEIN, t("Normales Kennzeichen", "Ordinary plate")),
                        new Choice(ART_SAISON, t("Saisonkennzeichen", "Seasonal plate")),
                        new Choice(ART_ELEKTRO, t("E-Kennzeichen (Elektrofahrzeug)", "E plate (electric vehicle)")),
                        new Choice(ART_HISTORISCH, t("H-Kennzeichen (Oldtimer)", "H plate (historic vehicle)"))), neu),
                new Field(SAISON_VON, FieldType.CHOICE, t("Saison von", "Season from"), null, true, months, saison),
                new Field(SAISON_BIS, FieldType.CHOICE, t("Saison bis", "Season until"), null, true, months, saison));
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
        // § 26(1) Nr. 2 (2019: § 15i(1) Nr. 2): not exempt from compulsory insurance (§ 2(1) PflVG)
        if (yes(answers, VERSICHERUNGSFREI)) {
            findings.add(counter(VERSICHERUNGSFREI, "Halter, die von der Versicherungspflicht befreit sind,",
                    "Holders exempt from compulsory insurance"));
        }
        // § 26(1) Nr. 3: the vehicle is not exempt from the registration procedure
        if (yes(answers, ZULASSUNGSFREI)) {
            findings.add(counter(ZULASSUNGSFREI, "Zulassungsfreie Fahrzeuge", "Vehicles exempt from registration"));
        }
        // § 26(1) Nr. 6: no change of the vehicle data against the register (or the CoC)
        if (yes(answers, FAHRZEUGDATEN_GEAENDERT)) {
            findings.add(counter(FAHRZEUGDATEN_GEAENDERT, "Technisch veränderte Fahrzeuge, deren Änderung noch nicht eingetragen ist,",
                    "Technically changed vehicles whose change is not yet recorded"));
        }
        // § 26: no holder-specific exemption
        if (yes(answers, AUSNAHME_HALTER)) {
            findings.add(counter(AUSNAHME_HALTER, "Fahrzeuge mit einer personengebundenen Ausnahmegenehmigung",
                    "Vehicles with an exemption bound to the holder"));
        }
        // § 26(1) Nr. 4: general, Saison or E plates; an H plate only when it is already assigned
        boolean newPlate = answers.get(KENNZEICHEN_WAHL).map(w -> w.equals(WAHL_ZUTEILEN) || w.equals(WAHL_WUNSCH)).orElse(false);
        if (newPlate && answers.get(KENNZEICHEN_ART).map(ART_HISTORISCH::equals).orElse(false)) {
            findings.add(new Finding(KENNZEICHEN_ART, t(
                    "Ein H-Kennzeichen wird zum ersten Mal nur bei der Zulassungsbehörde zugeteilt (mit Gutachten). Online können Sie ein normales, ein Saison- oder ein E-Kennzeichen wählen.",
                    "An H plate is assigned for the first time only at the authority (with an expert report). Online you can choose an ordinary, seasonal or E plate.")));
        }
        return findings;
    }

    private static Finding counter(String field, String german, String english) {
        return new Finding(field, t(german + " können nur bei der Zulassungsbehörde zugelassen werden, nicht online. Wenn Sie sich verklickt haben, ändern Sie die Antwort.",
                english + " can only be registered at the registration authority, not online. If you chose this by mistake, change the answer."));
    }

    private static boolean yes(Answers answers, String field) {
        return answers.get(field).map(TRUE::equals).orElse(false);
    }

    private static LocalizedText t(String german, String english) {
        return LocalizedText.of(german, english);
    }
}
