package org.openikfz.simulator.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import org.openikfz.api.connector.Holder;

/**
 * A vehicle in the simulated register. Codes are test data of the simulator, never real ones.
 *
 * @param kennzeichen         the plate it is (or was last) registered with; empty when it never had one
 * @param fin                 the FIN (the register's key)
 * @param zb1                 security code of the Zulassungsbescheinigung Teil I, or empty
 * @param zb2                 security code of the Zulassungsbescheinigung Teil II, or empty
 * @param plaketten           security codes of the plate seals in the order front, rear[, shared part of a Wechselkennzeichen]
 * @param registered          whether it is registered ({@code false}: außer Betrieb gesetzt)
 * @param holder              the (last) holder, with the date of birth when the register has it
 * @param deregisteredOn      the day it was taken off the road, or {@code null}
 * @param verwertungsnachweis whether a Verwertungsnachweis is recorded
 * @param nextHu              month of the next HU, or {@code null}
 * @param authority           key of the Zulassungsbehörde it is (or was last) registered at
 * @param firstRegistration   month of the first registration, or {@code null}
 */
record Vehicle(String kennzeichen, String fin, String zb1, String zb2, List<String> plaketten, boolean registered,
        Holder holder, LocalDate deregisteredOn, boolean verwertungsnachweis, YearMonth nextHu, String authority,
        YearMonth firstRegistration) {

    /** The authority of vehicles from files written before the field existed. */
    static final String DEFAULT_AUTHORITY = "ERZ";

    Vehicle {
        kennzeichen = kennzeichen == null ? "" : kennzeichen;
        Objects.requireNonNull(fin, "fin");
        zb1 = zb1 == null ? "" : zb1;
        zb2 = zb2 == null ? "" : zb2;
        plaketten = plaketten.stream().filter(p -> !p.isBlank()).toList();
        Objects.requireNonNull(holder, "holder");
        authority = authority == null || authority.isBlank() ? DEFAULT_AUTHORITY : authority;
    }

    /** A registered vehicle at the default authority, without HU, first registration and birth date (the old format). */
    Vehicle(String kennzeichen, String fin, String zb1, String zb2, List<String> plaketten, boolean registered,
            String holderName, String holderStreet, String holderPostalCode, String holderCity) {
        this(kennzeichen, fin, zb1, zb2, plaketten, registered,
                new Holder(holderName, holderStreet, holderPostalCode, holderCity, null), null, false, null,
                DEFAULT_AUTHORITY, null);
    }

    /** Taken off the road on {@code day}. */
    Vehicle deregistered(LocalDate day) {
        return new Vehicle(kennzeichen, fin, zb1, zb2, plaketten, false, holder, day, verwertungsnachweis, nextHu,
                authority, firstRegistration);
    }

    /** Registered (again) with {@code plate} at {@code newAuthority}. */
    Vehicle registeredAs(String plate, String newAuthority) {
        return new Vehicle(plate, fin, zb1, zb2, plaketten, true, holder, null, verwertungsnachweis, nextHu,
                newAuthority, firstRegistration);
    }

    Vehicle withHolder(Holder newHolder) {
        return new Vehicle(kennzeichen, fin, zb1, zb2, plaketten, registered, newHolder, deregisteredOn,
                verwertungsnachweis, nextHu, authority, firstRegistration);
    }

    Vehicle withNextHu(YearMonth month) {
        return new Vehicle(kennzeichen, fin, zb1, zb2, plaketten, registered, holder, deregisteredOn,
                verwertungsnachweis, month, authority, firstRegistration);
    }

    Vehicle withVerwertungsnachweis(boolean recorded) {
        return new Vehicle(kennzeichen, fin, zb1, zb2, plaketten, registered, holder, deregisteredOn, recorded,
                nextHu, authority, firstRegistration);
    }

    /**
     * One line of {@code kba-vehicles.tsv}: the ten fields of the first format (plate, FIN, ZB I, ZB II,
     * seals, registered, holder name, street, postal code, city), then holder's date of birth,
     * deregistered on, Verwertungsnachweis, next HU, authority, first registration.
     */
    String toLine() {
        return String.join("\t", f(kennzeichen), f(fin), f(zb1), f(zb2), f(String.join(",", plaketten)),
                Boolean.toString(registered), f(holder.name()), f(holder.street()), f(holder.postalCode()),
                f(holder.city()), f(holder.dateOfBirth()), f(deregisteredOn), Boolean.toString(verwertungsnachweis),
                f(nextHu), f(authority), f(firstRegistration));
    }

    /** Reads a line of either format; the fields the old format lacks are empty (authority: {@value #DEFAULT_AUTHORITY}). */
    static Vehicle fromLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 10) {
            throw new IllegalArgumentException("vehicle line with " + f.length + " fields");
        }
        Holder holder = new Holder(f[6], f[7], f[8], f[9], date(SimulatorFiles.field(f, 10)));
        return new Vehicle(f[0], f[1], f[2], f[3], f[4].isEmpty() ? List.of() : List.of(f[4].split(",")),
                Boolean.parseBoolean(f[5]), holder, date(SimulatorFiles.field(f, 11)),
                Boolean.parseBoolean(SimulatorFiles.field(f, 12)), month(SimulatorFiles.field(f, 13)),
                SimulatorFiles.field(f, 14), month(SimulatorFiles.field(f, 15)));
    }

    /** Without the security codes. */
    @Override
    public String toString() {
        return "Vehicle[" + kennzeichen + ", " + fin + ", registered=" + registered + "]";
    }

    private static String f(Object value) {
        return SimulatorFiles.field(value);
    }

    private static LocalDate date(String s) {
        return s.isBlank() ? null : LocalDate.parse(s.strip());
    }

    private static YearMonth month(String s) {
        return s.isBlank() ? null : YearMonth.parse(s.strip());
    }
}
