package org.openikfz.api.backoffice;

import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Vorbehalt der Nachprüfung (FZV § 23(3)): automated decisions are drawn for review at a
 * configured random rate, and supervisors select further ones; within one month from effectiveness
 * a supervisor confirms a decision, or revokes it (the holder and the Fachverfahren are told in
 * writing). Supervisors and auditors of the authority read decisions, their workings and statistics.
 */
@ProviderType
public interface DecisionReview {

    /** The authority's automated decisions, newest first; {@code drawnOnly}: those drawn for review. */
    List<ReviewedDecision> decisions(StaffSession session, boolean drawnOnly);

    /** One decision of the authority (supervisors, auditors). */
    ReviewedDecision decision(StaffSession session, UUID application);

    /** Selects a decision for review (supervisors), e.g. in the regular manual selection. */
    ReviewedDecision select(StaffSession session, UUID application);

    /** Confirms a drawn decision (supervisors). */
    ReviewedDecision confirm(StaffSession session, UUID application, String note);

    /**
     * Revokes a drawn decision within one month from its effectiveness (supervisors); the revocation
     * letter with its reason is mailed and the Fachverfahren and the KBA are told.
     *
     * @throws BackOfficeException {@code WRONG_STATE} after the month, or when not drawn or reviewed already
     */
    ReviewedDecision revoke(StaffSession session, UUID application, String reason);

    /** How the decision was reached, step by step. */
    List<TraceEntry> trace(StaffSession session, UUID application);

    /** The decision with its trace as JSON, for the auditors' files. */
    String export(StaffSession session, UUID application);

    /** Per procedure of the authority. */
    List<ReviewStatistics> statistics(StaffSession session);

    /** Whether the authority's regular manual selection is due (supervisors, auditors). */
    ManualSelection manualSelection(StaffSession session);
}
