package org.openikfz.api.connector;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.Zb1Code;
import org.openikfz.api.value.Zb2Code;

/**
 * What the portal asks the register to compare (FZV Anlage 11 Nr. 2): the plate and whatever the
 * procedure collected of FIN and security codes. Absent parts are {@code null} / empty.
 *
 * @param seals the seal codes by the position of their seal: the register compares each with the
 *              seal at that position, never with the vehicle's codes as a set (FZV § 21(3): a code
 *              proves only its own plate unstamped). Since 1.4.
 */
public record ZfzrQuery(Kennzeichen kennzeichen, Fin fin, Zb1Code zb1, Zb2Code zb2, Map<SealPosition, PlakettenCode> seals) {
    public ZfzrQuery {
        Objects.requireNonNull(kennzeichen, "kennzeichen");
        EnumMap<SealPosition, PlakettenCode> copy = new EnumMap<>(SealPosition.class);
        seals.forEach((position, code) -> copy.put(Objects.requireNonNull(position, "position"), Objects.requireNonNull(code, "code")));
        seals = Collections.unmodifiableMap(copy);
    }

    /**
     * The query of 1.3, whose seal codes named no position: they are taken as front, rear and shared part
     * in this order.
     *
     * @deprecated name each code's seal with {@link #ZfzrQuery(Kennzeichen, Fin, Zb1Code, Zb2Code, Map)}
     */
    @Deprecated(since = "1.4")
    public ZfzrQuery(Kennzeichen kennzeichen, Fin fin, Zb1Code zb1, Zb2Code zb2, List<PlakettenCode> plaketten) {
        this(kennzeichen, fin, zb1, zb2, inOrder(plaketten));
    }

    /**
     * The seal codes in the order front, rear, shared part.
     *
     * @deprecated the codes without their positions; use {@link #seals()}
     */
    @Deprecated(since = "1.4")
    public List<PlakettenCode> plaketten() {
        return List.copyOf(seals.values());
    }

    private static Map<SealPosition, PlakettenCode> inOrder(List<PlakettenCode> codes) {
        SealPosition[] positions = SealPosition.values();
        if (codes.size() > positions.length) {
            throw new IllegalArgumentException("at most " + positions.length + " seal codes, got " + codes.size());
        }
        Map<SealPosition, PlakettenCode> seals = new EnumMap<>(SealPosition.class);
        for (int i = 0; i < codes.size(); i++) {
            seals.put(positions[i], codes.get(i));
        }
        return seals;
    }

    /** Holds security codes: never shown. */
    @Override
    public String toString() {
        return "ZfzrQuery[" + kennzeichen + "]";
    }
}
