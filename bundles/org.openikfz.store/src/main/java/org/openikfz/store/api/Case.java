package org.openikfz.store.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An application as typed state (no personal data: those are its dialog data). Every change is
 * written with {@link ApplicationStore#updateCase(Case)}, a compare-and-set on {@link #version()}.
 *
 * @param state the engine's state name
 * @param version increases with every change; a change based on an older version is refused
 * @param tokenHash SHA-256 (hex) of the applicant's access token
 * @param eidState the state parameter of the eID login started last (a random nonce), or {@code null}
 * @param identified whether the applicant is identified electronically (FZV § 20(1))
 * @param leaseUntil while a verification runs: until when it may take, else {@code null}
 * @param verifiedHash hash of the answers the last clear verification checked, or {@code null}
 * @param feeTotal the fees due after a clear verification (FZV § 20(5)), or {@code null}
 * @param decision the decision, or {@code null} while there is none
 * @param dueAt when the housekeeping must look at the case next, or {@code null}
 * @param reference the application's reference number (Aktenzeichen), given when it is opened (since 1.7;
 *        {@code null} for applications opened before)
 * @param statusHash SHA-256 (hex) of the code that opens the status page with the reference, or {@code null}
 * @since 1.2
 */
public record Case(
        UUID id,
        String procedureId,
        String procedureVersion,
        String authorityId,
        String state,
        long version,
        int correctionsLeft,
        String tokenHash,
        String eidState,
        boolean identified,
        Instant leaseUntil,
        String verifiedHash,
        BigDecimal feeTotal,
        String paymentId,
        Instant paidAt,
        CaseDecision decision,
        Instant dueAt,
        Instant createdAt,
        Instant updatedAt,
        String reference,
        String statusHash) {

    public Case {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(procedureId, "procedureId");
        Objects.requireNonNull(authorityId, "authorityId");
        Objects.requireNonNull(state, "state");
    }

    /** Without reference and status code (as before 1.7). */
    public Case(UUID id, String procedureId, String procedureVersion, String authorityId, String state, long version,
            int correctionsLeft, String tokenHash, String eidState, boolean identified, Instant leaseUntil, String verifiedHash,
            BigDecimal feeTotal, String paymentId, Instant paidAt, CaseDecision decision, Instant dueAt, Instant createdAt,
            Instant updatedAt) {
        this(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState, identified,
                leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt, null, null);
    }

    /**
     * A new case in its first state, version 0, with its reference number and the hash of its status code.
     *
     * @since 1.7
     */
    public static Case open(UUID id, String procedureId, String procedureVersion, String authorityId, String state,
            int correctionsLeft, String tokenHash, Instant dueAt, String reference, String statusHash) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, 0, correctionsLeft, tokenHash, null, false, null,
                null, null, null, null, null, dueAt, null, null, reference, statusHash);
    }

    /** A new case in its first state, version 0. */
    public static Case open(UUID id, String procedureId, String procedureVersion, String authorityId, String state,
            int correctionsLeft, String tokenHash, Instant dueAt) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, 0, correctionsLeft, tokenHash, null, false, null,
                null, null, null, null, null, dueAt, null, null);
    }

    public Case withState(String newState) {
        return new Case(id, procedureId, procedureVersion, authorityId, newState, version, correctionsLeft, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt, reference, statusHash);
    }

    public Case withCorrectionsLeft(int left) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, left, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt, reference, statusHash);
    }

    public Case withEidState(String hash) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, hash,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt, reference, statusHash);
    }

    public Case withIdentified(boolean value) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                value, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt, reference, statusHash);
    }

    public Case withLeaseUntil(Instant until) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                identified, until, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt, reference, statusHash);
    }

    public Case withVerified(String hash, BigDecimal fees, String checkedProcedureVersion) {
        return new Case(id, procedureId, checkedProcedureVersion, authorityId, state, version, correctionsLeft, tokenHash,
                eidState, identified, leaseUntil, hash, fees, paymentId, paidAt, decision, dueAt, createdAt, updatedAt, reference, statusHash);
    }

    public Case withPayment(String id, Instant paid) {
        return new Case(this.id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, id, paid, decision, dueAt, createdAt, updatedAt, reference, statusHash);
    }

    public Case withDecision(CaseDecision newDecision) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, newDecision, dueAt, createdAt, updatedAt, reference, statusHash);
    }

    public Case withDueAt(Instant due) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, due, createdAt, updatedAt, reference, statusHash);
    }

    /** The basic view older callers use. */
    public Application application() {
        return new Application(id, procedureId, authorityId, state, correctionsLeft, createdAt, updatedAt);
    }
}
