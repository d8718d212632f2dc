package org.openikfz.core.internal;

import java.util.List;

/**
 * The authority as its documents name it: its name and, when the district configured one, its postal address
 * (the address a citizen writes to or objects at, FZV § 23(1)).
 *
 * @param name e.g. "Landratsamt Zwickau – Zulassungsbehörde"
 * @param address the address lines, possibly none
 * @param contact how applicants reach it (telephone, e-mail, opening hours), possibly empty
 */
record Letterhead(String name, List<String> address, String contact) {

    Letterhead {
        address = List.copyOf(address);
        contact = contact == null ? "" : contact.strip();
    }

    Letterhead(String name, List<String> address) {
        this(name, address, "");
    }

    /** With the contact as configured. */
    Letterhead withContact(String value) {
        return new Letterhead(name, address, value);
    }

    /** The address as configured: lines separated by ";" or line breaks, blank lines left out. */
    static Letterhead of(String name, String address) {
        return new Letterhead(name, address == null ? List.of()
                : java.util.Arrays.stream(address.split("[;\\n]")).map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
}
