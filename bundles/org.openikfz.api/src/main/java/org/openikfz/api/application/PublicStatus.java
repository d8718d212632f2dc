package org.openikfz.api.application;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;

/**
 * Where an application stands, as the status page shows it to whoever has its reference number and
 * status code (no account needed). It holds no personal data: no answers, no plate, no name.
 *
 * @param reference      the application's reference number (Aktenzeichen)
 * @param procedure      the procedure
 * @param procedureTitle the procedure's title
 * @param state          where the application stands
 * @param receivedAt     when the application was opened
 * @param changedAt      when it last changed
 * @param stateText      the state in a sentence
 * @param next           what happens next, and what the applicant can do
 * @param nextBy         by when that happens (a deadline or the expected date), or {@code null}
 * @param documents      the documents offered for download now (in the dialog where the application was made)
 * @param documentsUntil until when they are offered, or {@code null} when none are
 * @param decidedAt      when it was decided, or {@code null}
 * @param granted        whether the decision grants the application, or {@code null} while there is none
 * @param authority      the authority that decides, with its contact
 * @since 1.5
 */
public record PublicStatus(String reference, ProcedureId procedure, LocalizedText procedureTitle, ApplicationState state,
        Instant receivedAt, Instant changedAt, LocalizedText stateText, LocalizedText next, Instant nextBy,
        List<DocumentKind> documents, Instant documentsUntil, Instant decidedAt, Boolean granted, Authority authority) {

    public PublicStatus {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateText, "stateText");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(authority, "authority");
        documents = documents == null ? List.of() : List.copyOf(documents);
    }
}
