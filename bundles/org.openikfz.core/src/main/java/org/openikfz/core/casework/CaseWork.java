package org.openikfz.core.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openikfz.api.procedure.ProcedureDescription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine's service for the back office. Who may call what (roles, the authority) is the back
 * office's check; the state rules are the engine's: every change is a compare-and-set on the case.
 */
@ProviderType
public interface CaseWork {

    /** The dialog data of a case as the clerks may see them, or empty when there is no such case. */
    Optional<ClerkView> clerkView(UUID application);

    /**
     * FZV § 19(1) S. 4: a clerk decides a case that is with the clerks; the letter is offered and the
     * decision transferred.
     *
     * @return false when the case is not (or no longer) with the clerks
     * @throws org.openikfz.api.application.ApplicationException UNAVAILABLE while the case's procedure is not deployed
     */
    default boolean decide(UUID application, boolean approve, String reason, String clerk, String clerkName) {
        return decide(application, approve, reason, clerk, clerkName, null);
    }

    /**
     * A clerk's decision as {@link #decide(UUID, boolean, String, String, String)}, the written decision
     * going to {@code to}.
     *
     * @param to where the written decision goes; {@code null}: the address the case knows ({@link #letterAddressee})
     * @throws org.openikfz.api.application.ApplicationException INVALID when {@code to} is incomplete, or
     *         {@code null} while the case knows no complete address; UNAVAILABLE while the procedure is not deployed
     * @since 1.1
     */
    boolean decide(UUID application, boolean approve, String reason, String clerk, String clerkName,
            org.openikfz.api.connector.Holder to);

    /**
     * FZV § 19(1) S. 4: runs the checks of a case with the clerks again (once the system that failed is back), with the
     * security codes kept sealed for it; the case's state does not change, the clerks decide.
     *
     * @return the reasons the run leaves, in German (empty: every check passed)
     * @throws org.openikfz.api.application.ApplicationException WRONG_STATE when the case is not with the clerks or its
     *         codes were not kept; UNAVAILABLE while its procedure is not deployed
     * @since 1.3
     */
    List<String> recheck(UUID application);

    /**
     * Where a clerk's written decision of the case goes unless the clerk says otherwise: the identified
     * applicant where the procedure identifies, otherwise the holder in the register; empty when no
     * complete address is known.
     *
     * @since 1.1
     */
    Optional<org.openikfz.api.connector.Holder> letterAddressee(UUID application);

    /**
     * FZV § 23(3): a supervisor draws an automated decision for review (besides the random draw).
     *
     * @return false when it was drawn already
     * @throws org.openikfz.api.application.ApplicationException WRONG_STATE when the month for the review has passed
     */
    boolean drawForReview(UUID application, String supervisor);

    /**
     * FZV § 23(3): revokes an automated decision drawn for review; the revocation is transferred.
     *
     * @return false when the decision is not open for review (any more)
     * @throws org.openikfz.api.application.ApplicationException WRONG_STATE when the month for the review has passed
     */
    boolean revoke(UUID application, String reason, String reviewer);

    /** The clerk's letter of a case a clerk decided, while it is offered. */
    Optional<byte[]> clerkLetter(UUID application);

    /** The description of a procedure deployed right now: the version new applications get. */
    Optional<ProcedureDescription> procedure(String procedureId);

    /**
     * The description of the procedure version an application runs on: the one it was opened with while that
     * is deployed, else the one new applications get (so the clerks see the questions its applicant answered).
     *
     * @since 1.4
     */
    Optional<ProcedureDescription> procedureOf(UUID application);

    /**
     * The Zulassungsbehörde this platform serves, by its key (e.g. {@code ERZ}): the only authority
     * whose cases it holds, so the only one a staff account can usefully belong to.
     *
     * @since 1.2
     */
    String authority();

    /** The engine's time (its clock service's). */
    Instant now();

    /** FZV § 23(3): the days between the supervisors' manual selections (the engine's configuration). */
    int manualSelectionDays();

    /** FZV § 23(3): the last day a decision that took effect on {@code effectiveOn} may be revoked. */
    LocalDate reviewableUntil(LocalDate effectiveOn);
}
