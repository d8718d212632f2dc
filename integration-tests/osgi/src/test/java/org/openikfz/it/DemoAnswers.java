package org.openikfz.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers of the procedures' dialogs for vehicles of the KBA simulator, and the simulator form that
 * makes such a vehicle; shared by the test modules (Pax Exam and the running distribution).
 */
public final class DemoAnswers {

    /** A valid IBAN the Zoll simulator accepts. */
    public static final String IBAN = "DE89370400440532013000";
    /** The security codes every test vehicle made by {@link #vehicleForm} has. */
    public static final String ZB1 = "Ab3De4F";
    public static final String ZB2 = "Pq4Ws8Xe2Rt6";
    /** The next HU of every test vehicle, as the register knows it. */
    public static final String NEXT_HU = "2027-06";

    private DemoAnswers() {
    }

    /** All answers for deregistering {@code plate} with the given seal and ZB I codes. */
    public static Map<String, String> abmelden(String plate, String plaketteVorn, String plaketteHinten, String zb1) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("kennzeichen", plate);
        answers.put("wechselkennzeichen", "false");
        answers.put("halter", "true");
        answers.put("hinweisGelesen", "true");
        answers.put("plaketteVorn", plaketteVorn);
        answers.put("plaketteHinten", plaketteHinten);
        answers.put("zb1Code", zb1);
        answers.put("verwertet", "false");
        answers.put("kennzeichenReservieren", "false");
        return answers;
    }

    /** The simulator's demo vehicle ERZ-AB 123 with the given ZB I code. */
    public static Map<String, String> abmelden(String zb1) {
        return abmelden("ERZ-AB 123", "K7m", "P2x", zb1);
    }

    /**
     * The KBA simulator's form ({@code POST /kba/admin/vehicles}) for a test vehicle with the codes
     * {@link #ZB1} and {@link #ZB2} and the next HU {@link #NEXT_HU}.
     *
     * @param status further form fields, e.g. {@code registered=false&deregisteredOn=2024-03-15}
     */
    public static String vehicleForm(String plate, String fin, String holder, String born, String status) {
        return "kennzeichen=" + encode(plate) + "&fin=" + fin + "&zb1=" + ZB1 + "&zb2=" + ZB2
                + "&plaketten=K7m,P2x&nextHu=" + NEXT_HU + "&authority=ERZ&holder=" + encode(holder)
                + "&holderBirthDate=" + born + "&" + status;
    }

    /** The answers of the § 26 conditions every registration asks, all met, and the § 21 warning read. */
    public static Map<String, String> registrationConditions() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("versicherungsfrei", "false");
        a.put("zulassungsfrei", "false");
        a.put("fahrzeugdatenGeaendert", "false");
        a.put("ausnahmeHalter", "false");
        a.put("hinweisGelesen", "true");
        return a;
    }

    /** Re-registering a deregistered test vehicle to its former holder with an assigned plate. */
    public static Map<String, String> wiederzulassung(String plate, String fin, String evb, String accountHolder) {
        Map<String, String> a = registrationConditions();
        a.put("kennzeichen", plate);
        a.put("fin", fin);
        a.put("keinVerwertungsnachweis", "true");
        a.put("selberHalter", "true");
        a.put("zb1Code", ZB1);
        a.put("kennzeichenWahl", "zuteilen");
        a.put("kennzeichenArt", "allgemein");
        a.put("evb", evb);
        a.put("iban", IBAN);
        a.put("sepaKontoinhaber", accountHolder);
        a.put("huNaechste", NEXT_HU);
        return a;
    }

    /** A change of holder or a move ({@code anlass}) for a registered test vehicle; add the plate choice, eVB and SEPA as the case needs. */
    public static Map<String, String> umschreibung(String anlass, String herkunft, String plate, String fin) {
        Map<String, String> a = registrationConditions();
        a.put("anlass", anlass);
        a.put("herkunft", herkunft);
        a.put("kennzeichen", plate);
        a.put("fin", fin);
        a.put("zb1Code", ZB1);
        a.put("zb2Code", ZB2);
        a.put("huNaechste", "06.2027");
        return a;
    }

    /**
     * The answers of a Namensaenderung (FZV § 15(1) S. 1 Nr. 1): the name changed by marriage on the given day, the ID
     * bears it, the holder reports it for the plate, the warning before the codes read, both codes.
     */
    public static Map<String, String> namensaenderung(String plate, java.time.LocalDate since) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("grund", "heirat");
        a.put("seit", since.toString());
        a.put("ausweisGeaendert", "true");
        a.put("kennzeichen", plate);
        a.put("halter", "true");
        a.put("hinweisGelesen", "true");
        a.put("zb1Code", ZB1);
        a.put("zb2Code", ZB2);
        return a;
    }

    /** The eVB and SEPA answers of a change of holder. */
    public static Map<String, String> insuranceAndTax(String evb, String accountHolder) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("evb", evb);
        a.put("iban", IBAN);
        a.put("sepaKontoinhaber", accountHolder);
        return a;
    }

    /** First registration of a new vehicle known to the KBA reference with an assigned plate. */
    public static Map<String, String> erstzulassung(String fin, String zb2, String evb, String accountHolder) {
        Map<String, String> a = registrationConditions();
        a.put("fin", fin);
        a.put("zb2Vordrucknummer", "AB1234567");
        a.put("zb2Code", zb2);
        a.put("kennzeichenWahl", "zuteilen");
        a.put("kennzeichenArt", "allgemein");
        a.put("evb", evb);
        a.put("iban", IBAN);
        a.put("sepaKontoinhaber", accountHolder);
        return a;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
