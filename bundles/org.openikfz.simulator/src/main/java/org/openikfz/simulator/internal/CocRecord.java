package org.openikfz.simulator.internal;

import java.util.Objects;

/**
 * A record of the simulated KBA reference data for a first registration: the ZB II issued for a new
 * vehicle (FIN and security code) and what its CoC data (Übereinstimmungsbescheinigung) say.
 *
 * @param fin         the FIN
 * @param zb2         the security code of the ZB II issued for it (test data)
 * @param vehicle     make and type ("Marke Typ")
 * @param registrable whether the CoC data make it registrable
 * @param obstacle    a registration ban the manufacturer reported, or empty
 */
record CocRecord(String fin, String zb2, String vehicle, boolean registrable, String obstacle) {

    CocRecord {
        Objects.requireNonNull(fin, "fin");
        zb2 = zb2 == null ? "" : zb2;
        vehicle = vehicle == null ? "" : vehicle;
        obstacle = obstacle == null ? "" : obstacle;
    }

    String toLine() {
        return String.join("\t", SimulatorFiles.field(fin), SimulatorFiles.field(zb2), SimulatorFiles.field(vehicle),
                Boolean.toString(registrable), SimulatorFiles.field(obstacle));
    }

    static CocRecord fromLine(String line) {
        String[] f = line.split("\t", -1);
        return new CocRecord(f[0], SimulatorFiles.field(f, 1), SimulatorFiles.field(f, 2),
                Boolean.parseBoolean(SimulatorFiles.field(f, 3)), SimulatorFiles.field(f, 4));
    }

    /** Without the security code. */
    @Override
    public String toString() {
        return "CocRecord[" + fin + ", " + vehicle + "]";
    }
}
