package org.openikfz.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.openikfz.api.value.Land;

/**
 * The Zulassungsbehörde this installation serves, as the district build configured it (PID
 * {@value EngineConfig#PID}). It is never a code default: an installation without its authority refuses to
 * start, and the message names the file and the keys to set.
 *
 * @param authority the authority's key (its Unterscheidungszeichen, e.g. ERZ), used in references
 * @param letterhead the name and address printed on documents
 * @param land the Land whose fee-arrears connector is asked
 * @param procedures the procedures the district offers (empty: whatever is deployed)
 */
record District(String authority, Letterhead letterhead, Land land, Set<String> procedures) {

    /** FZV Anlage 2: an Unterscheidungszeichen has one to three letters (umlauts included). */
    private static final Pattern AUTHORITY_KEY = Pattern.compile("[A-ZÄÖÜ]{1,3}");

    static District of(EngineConfig config) {
        List<String> problems = new ArrayList<>();
        String authority = config.authority().strip();
        if (authority.isEmpty()) {
            problems.add("authority (the authority's key, e.g. ERZ) is not set");
        } else if (!AUTHORITY_KEY.matcher(authority).matches()) {
            problems.add("authority '" + authority + "' is not an Unterscheidungszeichen (one to three capital letters)");
        }
        String name = config.authorityName().strip();
        if (name.isEmpty()) {
            problems.add("authorityName (printed on documents) is not set");
        }
        Land land = null;
        try {
            land = Land.of(config.land());
        } catch (IllegalArgumentException e) {
            problems.add(config.land().isBlank() ? "land (e.g. SN) is not set" : "land: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("no Zulassungsbehörde configured in etc/" + EngineConfig.PID + ".cfg: "
                    + String.join("; ", problems) + " (a district build writes them from districts/<district>.json)");
        }
        Set<String> procedures = Set.copyOf(org.openikfz.core.internal.operations.Operations.procedureIds(config.district_procedures()));
        return new District(authority, Letterhead.of(name, config.authorityAddress()).withContact(config.authorityContact()), land, procedures);
    }
}
