package org.openikfz.simulator.internal;

import java.util.List;

/** A vehicle in the simulated register. Codes are test data of the simulator, never real ones. */
record Vehicle(String kennzeichen, String fin, String zb1, String zb2, List<String> plaketten, boolean registered,
        String holderName, String holderStreet, String holderPostalCode, String holderCity) {

    Vehicle {
        plaketten = List.copyOf(plaketten);
    }

    Vehicle deregistered() {
        return new Vehicle(kennzeichen, fin, zb1, zb2, plaketten, false, holderName, holderStreet, holderPostalCode, holderCity);
    }

    String toLine() {
        return String.join("\t", kennzeichen, fin, zb1, nz(zb2), String.join(",", plaketten), Boolean.toString(registered),
                holderName, holderStreet, holderPostalCode, holderCity);
    }

    static Vehicle fromLine(String line) {
        String[] f = line.split("\t", -1);
        return new Vehicle(f[0], f[1], f[2], f[3], f[4].isEmpty() ? List.of() : List.of(f[4].split(",")),
                Boolean.parseBoolean(f[5]), f[6], f[7], f[8], f[9]);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
