package org.openikfz.core.casework;

import java.util.Map;
import java.util.Optional;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;

/**
 * A case's dialog data as the clerks may see them: the applicant as the eID identified them, the
 * answers (security codes and the IBAN were removed when the case went to the clerks) and what the
 * checks established.
 *
 * @param applicant the verified identity, or empty when the applicant was not identified electronically
 * @param answers the answers given
 * @param facts what the checks established, by name
 */
public record ClerkView(Optional<VerifiedIdentity> applicant, Answers answers, Map<String, String> facts) {

    public ClerkView {
        facts = Map.copyOf(facts);
    }
}
