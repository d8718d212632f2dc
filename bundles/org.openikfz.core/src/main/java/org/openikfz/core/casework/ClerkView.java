package org.openikfz.core.casework;

import java.util.List;
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
 * @param reasons why the machine could not decide, in German, one per check that could not (empty when it could);
 *        after a re-run of the checks, what that run left (empty: every check passed)
 * @param rechecked when the clerks last ran the checks again, or {@code null}
 * @since 1.2 for {@code reasons}, 1.3 for {@code rechecked}
 */
public record ClerkView(Optional<VerifiedIdentity> applicant, Answers answers, Map<String, String> facts, List<String> reasons,
        java.time.Instant rechecked) {

    public ClerkView {
        facts = Map.copyOf(facts);
        reasons = List.copyOf(reasons);
    }

    /** Without the time of a re-run (as before 1.3). */
    public ClerkView(Optional<VerifiedIdentity> applicant, Answers answers, Map<String, String> facts, List<String> reasons) {
        this(applicant, answers, facts, reasons, null);
    }

    /** Without reasons (as before 1.2). */
    public ClerkView(Optional<VerifiedIdentity> applicant, Answers answers, Map<String, String> facts) {
        this(applicant, answers, facts, List.of());
    }
}
