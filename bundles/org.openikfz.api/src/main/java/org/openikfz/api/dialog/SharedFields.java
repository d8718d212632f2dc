package org.openikfz.api.dialog;

/**
 * The ids of the fields through which procedures, checks and the platform understand each other: a check
 * finds the answers it needs by field type, or, where a type is not unique (the present plate and a chosen
 * one), by these ids; the platform reads a few of them (the chosen plate, the plate's kind). A procedure that
 * asks such a question uses the id here; machine API users rely on them.
 *
 * @since 2.0 (in 1.x part of {@code org.openikfz.api.procedure.Registration})
 */
public final class SharedFields {

    private SharedFields() {
    }

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
    /** The applicant confirms that no Verwertungsnachweis was issued (YES_NO, FZV § 29 / 2019 § 15k(5)). */
    public static final String KEIN_VERWERTUNGSNACHWEIS = "keinVerwertungsnachweis";

    /** Ids of the fields every registration procedure names the same way (machine API users rely on them). */
    public static final String KENNZEICHEN = "kennzeichen";
    public static final String FIN = "fin";
    public static final String ZB1_CODE = "zb1Code";
    public static final String ZB2_CODE = "zb2Code";
    public static final String EVB = "evb";
    public static final String IBAN = "iban";
    public static final String HINWEIS_GELESEN = "hinweisGelesen";

    // ---- FZV § 26 (2019: § 15i(1)): the common conditions ----
    public static final String VERSICHERUNGSFREI = "versicherungsfrei";
    public static final String ZULASSUNGSFREI = "zulassungsfrei";
    public static final String FAHRZEUGDATEN_GEAENDERT = "fahrzeugdatenGeaendert";
    public static final String AUSNAHME_HALTER = "ausnahmeHalter";

}
