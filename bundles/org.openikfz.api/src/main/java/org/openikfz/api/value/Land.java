package org.openikfz.api.value;

import java.util.Locale;

/**
 * A German Land, by its ISO 3166-2:DE code. A Zulassungsbehörde belongs to one; Land law decides
 * whether its portals check registration-fee arrears (§ 6a(8) StVG) and against what.
 *
 * @since 1.1
 */
public enum Land {
    BW("Baden-Württemberg"), BY("Bayern"), BE("Berlin"), BB("Brandenburg"), HB("Bremen"), HH("Hamburg"),
    HE("Hessen"), MV("Mecklenburg-Vorpommern"), NI("Niedersachsen"), NW("Nordrhein-Westfalen"),
    RP("Rheinland-Pfalz"), SL("Saarland"), SN("Sachsen"), ST("Sachsen-Anhalt"), SH("Schleswig-Holstein"),
    TH("Thüringen");

    private final String germanName;

    Land(String germanName) {
        this.germanName = germanName;
    }

    /** The Land's German name, e.g. "Sachsen". */
    public String germanName() {
        return germanName;
    }

    /**
     * The Land for its code ({@code SN}, also {@code DE-SN}), in any case.
     *
     * @throws IllegalArgumentException naming the valid codes
     */
    public static Land of(String code) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (c.startsWith("DE-")) {
            c = c.substring(3);
        }
        for (Land land : values()) {
            if (land.name().equals(c)) {
                return land;
            }
        }
        throw new IllegalArgumentException("not a Land code (ISO 3166-2:DE, e.g. SN, BY, NW): " + code);
    }
}
