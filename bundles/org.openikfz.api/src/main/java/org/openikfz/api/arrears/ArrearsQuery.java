package org.openikfz.api.arrears;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.value.Land;

/**
 * Whom to ask about: the holder as identified electronically (FZV Anlage 11: "mit den Daten über den
 * Halter"), never typed input.
 *
 * @param application  the application asking, for correlation in the external system's log
 * @param authority    the Zulassungsbehörde's key
 * @param land         the authority's Land
 * @param holder       name, address and, for a natural person, the date of birth (personal data:
 *                     never logged)
 * @param organisation whether the holder is a legal person, authority or association (FZV § 20(3))
 * @param today        today in the authority's time zone
 */
public record ArrearsQuery(UUID application, String authority, Land land, Holder holder, boolean organisation,
        LocalDate today) {

    public ArrearsQuery {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(land, "land");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(today, "today");
    }

    @Override
    public String toString() {
        return "ArrearsQuery[" + application + ", " + authority + ", " + land + "]";
    }
}
