package org.openikfz.api.connector;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;

/**
 * A vehicle's entry in the central register (ZFZR) as far as the portal needs it.
 *
 * @param kennzeichen         the plate it is (or was last) registered with, or {@code null}
 * @param fin                 the vehicle identification number
 * @param registered          whether the vehicle is registered (not außer Betrieb gesetzt)
 * @param holder              the holder (the last holder when off the road)
 * @param deregisteredOn      day it was taken off the road, or {@code null} while registered
 * @param verwertungsnachweis whether a Verwertungsnachweis (certificate of destruction) is recorded
 * @param nextHu              month of the next HU, or {@code null} when the register has none
 * @param authority           key of the Zulassungsbehörde it is (or was last) registered at, or {@code null}
 */
public record VehicleRecord(Kennzeichen kennzeichen, Fin fin, boolean registered, Holder holder,
        LocalDate deregisteredOn, boolean verwertungsnachweis, YearMonth nextHu, String authority) {
    public VehicleRecord {
        Objects.requireNonNull(fin, "fin");
        Objects.requireNonNull(holder, "holder");
    }

    /** A vehicle without the register's status details. */
    public VehicleRecord(Kennzeichen kennzeichen, Fin fin, boolean registered, Holder holder) {
        this(kennzeichen, fin, registered, holder, null, false, null, null);
    }
}
