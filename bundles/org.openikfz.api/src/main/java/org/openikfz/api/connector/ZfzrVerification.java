package org.openikfz.api.connector;

import java.util.Optional;
import java.util.Set;

/**
 * The register's answer to a {@link ZfzrQuery}.
 *
 * @param vehicle    the vehicle registered with the plate, or {@code null} when there is none
 * @param mismatches which parts of the query do not match the register: {@link Part} values
 */
public record ZfzrVerification(VehicleRecord vehicle, Set<Part> mismatches) {

    /** The parts of a query the register compares. */
    public enum Part {
        KENNZEICHEN, FIN, ZB1_CODE, ZB2_CODE, PLAKETTEN_CODE, NOT_REGISTERED
    }

    public ZfzrVerification {
        mismatches = Set.copyOf(mismatches);
    }

    public Optional<VehicleRecord> vehicleIfFound() {
        return Optional.ofNullable(vehicle);
    }

    /** Found, and everything matched. */
    public boolean matches() {
        return vehicle != null && mismatches.isEmpty();
    }
}
