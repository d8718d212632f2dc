package org.openikfz.api.application;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine as the UI and the machine API use it: one application through the shared rules of
 * FZV §§ 19–23. Every method throws {@link ApplicationException} with a citizen-readable reason;
 * an application is reached only through its {@link ApplicationRef}.
 */
@ProviderType
public interface ApplicationService {

    /**
     * Opens an application for a procedure at an authority.
     *
     * @throws ApplicationException UNAVAILABLE when the procedure is not deployed right now
     */
    ApplicationRef open(ProcedureId procedure, String authority);

    /** The application as the applicant may see it. */
    ApplicationStatus status(ApplicationRef ref);

    /**
     * Starts electronic identification of the applicant (FZV § 20(1)).
     *
     * @param returnTo where the identity provider sends the applicant back (with {@code code})
     * @return the login page to send the applicant to
     */
    URI startIdentification(ApplicationRef ref, URI returnTo);

    /**
     * Completes identification with the provider's one-time code; the identity's data are taken
     * into the application, not typed.
     */
    ApplicationStatus completeIdentification(ApplicationRef ref, String code);

    /**
     * Validates answers at the edge (value types of the field types) and keeps the valid ones.
     * Allowed while the application is in the dialog.
     *
     * @return the errors by field id; empty when all answers were taken
     */
    Map<String, LocalizedText> answer(ApplicationRef ref, Map<String, String> answers);

    /**
     * Runs the machine verification (FZV § 20(4)): the procedure's own conditions and the checks it
     * names. Clear: fees are due. Opposed: findings, one correction fewer; after the third correction
     * the application is aborted. Failed: the application goes to the clerks.
     */
    ApplicationStatus verify(ApplicationRef ref);

    /**
     * Starts paying the fees (FZV § 20(5)) with the payment provider.
     *
     * @param returnTo where the payment page sends the applicant back
     * @return the payment page to send the applicant to
     */
    URI startPayment(ApplicationRef ref, URI returnTo);

    /**
     * Submits a paid application. With an automated decision policy and all checks clear, the
     * decision is made at once and offered for 30 minutes (FZV § 23).
     */
    ApplicationStatus submit(ApplicationRef ref);

    /**
     * Withdraws the application before it is submitted (in the dialog, awaiting payment, or when the machine
     * could not decide it): it is aborted and its dialog data are deleted within 30 minutes (§ 19(1) S. 6).
     * Refused once the fees are paid (then submitting it is what is left) and while a verification runs.
     *
     * @since 1.2
     */
    ApplicationStatus withdraw(ApplicationRef ref);

    /**
     * The decision as a read-only PDF, while the 30 minutes of FZV § 23(1) last. The first retrieval
     * makes the decision effective on that day.
     *
     * @return the PDF, or empty when there is none (yet) or the window has closed
     */
    default Optional<byte[]> decisionDocument(ApplicationRef ref) {
        return document(ref, DocumentKind.DECISION);
    }

    /**
     * A document of the application while it is offered: the decision and the provisional proof of
     * registration during the 30 minutes of FZV § 23(1) (the first retrieval of either makes the
     * decision effective that day), the SEPA mandate confirmation once the mandate is verified and
     * until the dialog data are deleted. {@link ApplicationStatus#documents()} lists what is offered now.
     *
     * @return the PDF, or empty when it is not offered (now)
     * @since 1.1
     */
    Optional<byte[]> document(ApplicationRef ref, DocumentKind kind);

    /**
     * The authority this portal serves, with its contact, as applicants see it.
     *
     * @since 1.5
     */
    Authority authority();

    /**
     * Where an application stands, for its reference number and status code, without knowing who asks: all such
     * lookups share one count of failed ones.
     *
     * @return the status, or empty when there is no application with this reference and code
     * @since 1.5
     * @deprecated the failed lookups of unknown clients are counted together, so one of them can have the others
     *             refused: use {@link #publicStatus(String, String, String)} with the client's address
     */
    @Deprecated
    Optional<PublicStatus> publicStatus(String reference, String statusCode);

    /**
     * Where an application stands, for its reference number and status code (the status page; no account
     * needed). A wrong reference and a wrong code are not told apart. Failed lookups are counted per client:
     * after a few for one reference, or more for any, that client's lookups are refused for a while
     * ({@code TOO_MANY_REQUESTS}); other clients are not held up, so nobody can lock a citizen out of
     * their status by sending wrong codes for their reference.
     *
     * @param clientAddress the client's address as the web tier established it (behind trusted proxies: the
     *        client's), or {@code null} when not known
     * @return the status, or empty when there is no application with this reference and code
     * @since 1.7
     */
    Optional<PublicStatus> publicStatus(String reference, String statusCode, String clientAddress);

    /**
     * Asks for e-mail confirmations of the submission and of a clerk's decision to this address, or stops
     * them ({@code null} or blank). Allowed until the application is decided; the address is kept with
     * the dialog data and deleted with them (FZV § 19(1) S. 6).
     *
     * @throws ApplicationException {@code INVALID} when the address is not an e-mail address
     * @since 1.5
     */
    ApplicationStatus requestConfirmations(ApplicationRef ref, String email);
}
