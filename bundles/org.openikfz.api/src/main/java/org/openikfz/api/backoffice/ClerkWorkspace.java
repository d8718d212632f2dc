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
     * Decides a case with a reason; the written decision is mailed (FZV § 23: manual decisions are
     * mailed in writing) and transferred with the application to the Fachverfahren, and to the KBA
     * when granted. Exactly once: a second decision is refused.
     *
     * @throws BackOfficeException {@code INVALID} without a reason, {@code WRONG_STATE} when decided already
     */
    ClerkCase decide(StaffSession session, UUID application, boolean approve, String reason);

    /** The written decision as PDF, while the case file is in the portal. */
    Optional<byte[]> letter(StaffSession session, UUID application);

    /** The authority's outgoing letters, newest first. */
    List<PostalItem> postalOutbox(StaffSession session);
}
