package org.openikfz.api.backoffice;

import java.time.Instant;
import java.util.List;

/**
 * A security evidence dossier in brief, for the operator page.
 *
 * @param folder       its folder under {@code evidence/}, e.g. {@code erz-2026-12-06}
 * @param created      when it was made
 * @param passed       controls of the catalogue proven
 * @param failed       controls not met
 * @param notChecked   controls whose evidence could not be had
 * @param failures     the failed controls and checks, id and title each
 * @param signed       whether its signature verifies with this installation's key (an edited dossier does not)
 * @param fingerprint  the installation key's fingerprint, for the auditor to compare
 * @since 1.3
 */
public record EvidenceSummary(String folder, String district, Instant created, int passed, int failed, int notChecked,
        List<String> failures, boolean signed, String fingerprint) {

    public EvidenceSummary {
        failures = List.copyOf(failures);
    }
}
