package org.openikfz.api.arrears;

import java.util.Objects;
import java.util.regex.Pattern;
import org.openikfz.api.check.CheckId;

/**
 * What kind of arrears a connector answers for. Open: a future stage names a new kind (the 2019 text
 * had the Infrastrukturabgabe) without an API change.
 *
 * @param value lower case letters, digits and hyphens, e.g. {@code gebuehren}
 */
public record ArrearsKind(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** FZV Anlage 11 Nr. 6, § 13(2) KraftStG: vehicle tax, federal, asked of the Zoll. */
    public static final ArrearsKind KFZ_STEUER = new ArrearsKind("kfz-steuer");

    /**
     * FZV Anlage 11 Nr. 8 [2019: Anlage 8b Nr. 11], § 6a(8) StVG: fees and expenses of earlier
     * Zulassungsvorgänge, per Land where Land law provides the check.
     */
    public static final ArrearsKind GEBUEHREN = new ArrearsKind("gebuehren");

    public ArrearsKind {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an arrears kind: " + value);
        }
    }

    /** The verification step that asks for this kind: {@code anlage11.<kind>-rueckstand}. */
    public CheckId checkId() {
        return new CheckId("anlage11." + value + "-rueckstand");
    }

    @Override
    public String toString() {
        return value;
    }
}
