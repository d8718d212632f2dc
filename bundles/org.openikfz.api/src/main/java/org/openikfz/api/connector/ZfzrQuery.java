package org.openikfz.api.connector;

import java.util.List;
import java.util.Objects;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.Zb1Code;
import org.openikfz.api.value.Zb2Code;

/**
 * What the portal asks the register to compare (FZV Anlage 11 Nr. 2): the plate and whatever the
 * procedure collected of FIN and security codes. Absent parts are {@code null} / empty.
 */
public record ZfzrQuery(Kennzeichen kennzeichen, Fin fin, Zb1Code zb1, Zb2Code zb2, List<PlakettenCode> plaketten) {
    public ZfzrQuery {
        Objects.requireNonNull(kennzeichen, "kennzeichen");
        plaketten = List.copyOf(plaketten);
    }

    /** Holds security codes: never shown. */
    @Override
    public String toString() {
        return "ZfzrQuery[" + kennzeichen + "]";
    }
}
