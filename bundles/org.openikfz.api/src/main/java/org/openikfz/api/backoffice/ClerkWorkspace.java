package org.openikfz.api.backoffice;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The clerks' work on the cases the machine could not decide. Every call checks the session: cases
 * are read by clerks, supervisors and auditors of the case's authority only, and decided by clerks
 * and supervisors only.
 */
@ProviderType
public interface ClerkWorkspace {

    /** The session's authority's cases, open ones first, oldest first. */
    List<ClerkCase> queue(StaffSession session);

    CaseFile caseFile(StaffSession session, UUID application);

    /**
     * Runs the checks of an open case again (FZV § 19(1) S. 4), once the system that failed is back, with the security
     * codes the portal kept sealed for it; the case's pre-check then shows that run's outcome. The case stays open: the
     * clerk decides. Clerks and supervisors; not a case another clerk holds.
     *
     * @throws BackOfficeException {@code WRONG_STATE} when the case is decided, its codes were not kept (a case from
     *         before) or its procedure is not deployed right now (the text says which)
     * @since 1.6
     */
    CaseFile recheck(StaffSession session, UUID application);

    /**
     * Decides a case with a reason; the written decision is mailed (FZV § 23: manual decisions are
     * mailed in writing) to the address the case knows ({@link #letterAddress}) and transferred with
     * the application to the Fachverfahren, and to the KBA when granted. Exactly once: a second
     * decision is refused.
     *
     * @throws BackOfficeException {@code INVALID} without a reason or when the case knows no address,
     *         {@code WRONG_STATE} when decided already
     */
    default ClerkCase decide(StaffSession session, UUID application, boolean approve, String reason) {
        return decide(session, application, approve, reason, null);
    }

    /**
     * Decides a case as {@link #decide(StaffSession, UUID, boolean, String)} does, the written
     * decision going to {@code to}: the clerk enters or confirms where it goes, so no letter leaves
     * without an addressee.
     *
     * @param to the letter's address; {@code null}: the one the case knows
     * @throws BackOfficeException {@code INVALID} without a reason, with an incomplete address, or
     *         without one when the case knows none; {@code WRONG_STATE} when decided already, or when
     *         another member holds the case (a supervisor may decide it all the same)
     * @since 1.4
     */
    ClerkCase decide(StaffSession session, UUID application, boolean approve, String reason, PostalAddress to);

    /**
     * Where the written decision of a case goes unless the clerk says otherwise: the identified
     * applicant, or the holder in the register; empty when neither is known completely (then the
     * clerk must enter one to decide).
     *
     * @since 1.4
     */
    Optional<PostalAddress> letterAddress(StaffSession session, UUID application);

    /**
     * Takes an open case ("mir zuweisen"), so that no other clerk decides it meanwhile. A case another
     * member holds is refused, except to a supervisor, who takes it over. Of two members taking a case at
     * once, one gets it.
     *
     * @throws BackOfficeException {@code WRONG_STATE} when another member holds it or it is decided
     * @since 1.5
     */
    ClerkCase take(StaffSession session, UUID application);

    /**
     * Gives a case the member holds back to the queue.
     *
     * @throws BackOfficeException {@code WRONG_STATE} when the member does not hold it
     * @since 1.5
     */
    ClerkCase giveBack(StaffSession session, UUID application);

    /**
     * The authority's text blocks for a decision's reasons, those for granting first.
     *
     * @since 1.5
     */
    default List<ReasonTemplate> reasonTemplates(StaffSession session) {
        return List.of();
    }

    /** The written decision as PDF, while the case file is in the portal. */
    Optional<byte[]> letter(StaffSession session, UUID application);

    /** The authority's outgoing letters, newest first. */
    List<PostalItem> postalOutbox(StaffSession session);
}
