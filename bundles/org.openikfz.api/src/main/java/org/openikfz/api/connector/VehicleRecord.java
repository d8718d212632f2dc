package org.openikfz.api.connector;

import java.util.Objects;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;

/**
 * A vehicle's entry in the central register (ZFZR) as far as the portal needs it.
 *
 * @param kennzeichen the plate it is registered with, or {@code null} when off the road
 * @param fin         the vehicle identification number
 * @param registered  whether the vehicle is registered (not außer Betrieb gesetzt)
 * @param holder      the holder
 */
public record VehicleRecord(Kennzeichen kennzeichen, Fin fin, boolean registered, Holder holder) {
    public VehicleRecord {
        Objects.requireNonNull(fin, "fin");
        Objects.requireNonNull(holder, "holder");
    }
}
