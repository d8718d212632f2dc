package org.openikfz.api.application;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openikfz.api.check.Finding;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;

/**
 * What the applicant may know of their application now. Holds no security code.
 *
 * @param id              the application
 * @param procedure       its procedure
 * @param state           where it stands
 * @param correctionsLeft how many more times the applicant may correct opposed data (FZV § 20(4))
 * @param findings        what speaks against the application, to correct (state DIALOG)
 * @param fees            the fees due (state AWAITING_PAYMENT and later)
 * @param identified      whether the applicant identified electronically
 * @param paid            whether the fees are paid
 * @param decision        the decision, once there is one
 * @param next            what happens next, in plain words
 * @param answers         the answers kept so far, by field id; secret fields are left out
 * @param documents       the documents offered for download now
 * @param stops           what speaks against the application and cannot be corrected online, found by the checks
 *                        that need only the identity (residence in the district, arrears) right after the
 *                        electronic identification: the dialog stops there, before any code is asked for,
 *                        and no correction is used (FZV §§ 20(1), 21)
 * @param reference       the application's reference number (Aktenzeichen), given when it was opened
 * @param statusCode      the code that opens the status page together with the reference (no account needed);
 *                        shown to the applicant, it is derived from the access token and never stored in clear
 * @param applicant       the name of the electronically identified applicant, or {@code null}
 * @param confirmationsTo the e-mail address confirmations go to (masked, e.g. {@code e***@example.org}), or
 *                        {@code null} when the applicant did not ask for any
 * @since 1.4 for {@code stops}, 1.5 for {@code reference}, {@code statusCode}, {@code applicant} and
 *        {@code confirmationsTo}
 */
public record ApplicationStatus(UUID id, ProcedureId procedure, ApplicationState state, int correctionsLeft,
        List<Finding> findings, List<FeeLine> fees, boolean identified, boolean paid, Decision decision, LocalizedText next,
        Map<String, String> answers, List<DocumentKind> documents, List<Finding> stops, String reference, String statusCode,
        String applicant, String confirmationsTo) {

    public ApplicationStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(state, "state");
        findings = List.copyOf(findings);
        fees = List.copyOf(fees);
        answers = Map.copyOf(answers);
        documents = List.copyOf(documents);
        stops = stops == null ? List.of() : List.copyOf(stops);
    }

    /** Without reference, status code, applicant and confirmations (as before 1.5). */
    public ApplicationStatus(UUID id, ProcedureId procedure, ApplicationState state, int correctionsLeft,
            List<Finding> findings, List<FeeLine> fees, boolean identified, boolean paid, Decision decision,
            LocalizedText next, Map<String, String> answers, List<DocumentKind> documents, List<Finding> stops) {
        this(id, procedure, state, correctionsLeft, findings, fees, identified, paid, decision, next, answers, documents, stops,
                null, null, null, null);
    }

    /** The status code is a secret of the applicant's: not shown. */
    @Override
    public String toString() {
        return "ApplicationStatus[" + id + ", " + procedure + ", " + state + ", " + reference + "]";
    }

    /** Without stops (as before 1.4). */
    public ApplicationStatus(UUID id, ProcedureId procedure, ApplicationState state, int correctionsLeft,
            List<Finding> findings, List<FeeLine> fees, boolean identified, boolean paid, Decision decision,
            LocalizedText next, Map<String, String> answers, List<DocumentKind> documents) {
        this(id, procedure, state, correctionsLeft, findings, fees, identified, paid, decision, next, answers, documents, List.of());
    }

    public ApplicationStatus(UUID id, ProcedureId procedure, ApplicationState state, int correctionsLeft,
            List<Finding> findings, List<FeeLine> fees, boolean identified, boolean paid, Decision decision,
            LocalizedText next, Map<String, String> answers) {
        this(id, procedure, state, correctionsLeft, findings, fees, identified, paid, decision, next, answers, List.of());
    }

    /** The sum of the fees. */
    public BigDecimal total() {
        return fees.stream().map(FeeLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public Optional<Decision> decisionIfAny() {
        return Optional.ofNullable(decision);
    }
}
