package org.openikfz.api.check;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a verification step. Procedures list the checks they need by id; check bundles provide a
 * {@link Check} with that id. The constants are the steps of FZV Anlage 11; a future stage can name
 * new ids without an API change.
 */
public record CheckId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    // FZV Anlage 11 (2019: Anlage 8b): the verification steps of the portal
    /** Nr. 1: the holder's residence belongs to this Zulassungsbehörde. */
    public static final CheckId ZUSTAENDIGKEIT = new CheckId("anlage11.zustaendigkeit");
    /** Nr. 2: plate, FIN and security codes match the ZFZR; register data compared with entered data. */
    public static final CheckId ZFZR = new CheckId("anlage11.zfzr");
    /** Nr. 3: FIN and ZB II code against the KBA reference; registrability from the CoC database. */
    public static final CheckId KBA_REFERENZ = new CheckId("anlage11.kba-referenz");
    /** Nr. 4: eVB number against the insurers' (GDV) database. */
    public static final CheckId EVB = new CheckId("anlage11.evb");
    /** Nr. 5: SEPA mandate for the Kfz-Steuer verified by the Zoll. */
    public static final CheckId SEPA_MANDAT = new CheckId("anlage11.sepa-mandat");
    /** Nr. 6: no vehicle-tax arrears (§ 13(2) KraftStG). */
    public static final CheckId KFZ_STEUER_RUECKSTAND = new CheckId("anlage11.kfz-steuer-rueckstand");
    /** Nr. 7/8: no registration-fee arrears, where Land law provides the check. */
    public static final CheckId GEBUEHREN_RUECKSTAND = new CheckId("anlage11.gebuehren-rueckstand");
    /** HU proof (FZV § 22, Anlage 10). */
    public static final CheckId HU_NACHWEIS = new CheckId("anlage11.hu-nachweis");
    /** No Verwertungsnachweis exists for the vehicle. */
    public static final CheckId KEIN_VERWERTUNGSNACHWEIS = new CheckId("anlage11.kein-verwertungsnachweis");
    /**
     * Not an Anlage 11 step: the plate for a registration — a chosen plate reserved, or a free one
     * assigned, by the authority's plate allocation. @since 1.1
     */
    public static final CheckId KENNZEICHEN_ZUTEILUNG = new CheckId("zulassung.kennzeichen");

    public CheckId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a check id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
