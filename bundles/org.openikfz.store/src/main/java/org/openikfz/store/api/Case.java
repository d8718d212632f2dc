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
        Instant updatedAt) {

    public Case {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(procedureId, "procedureId");
        Objects.requireNonNull(authorityId, "authorityId");
        Objects.requireNonNull(state, "state");
    }

    /** A new case in its first state, version 0. */
    public static Case open(UUID id, String procedureId, String procedureVersion, String authorityId, String state,
            int correctionsLeft, String tokenHash, Instant dueAt) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, 0, correctionsLeft, tokenHash, null, false, null,
                null, null, null, null, null, dueAt, null, null);
    }

    public Case withState(String newState) {
        return new Case(id, procedureId, procedureVersion, authorityId, newState, version, correctionsLeft, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt);
    }

    public Case withCorrectionsLeft(int left) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, left, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt);
    }

    public Case withEidState(String hash) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, hash,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt);
    }

    public Case withIdentified(boolean value) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                value, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt);
    }

    public Case withLeaseUntil(Instant until) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                identified, until, verifiedHash, feeTotal, paymentId, paidAt, decision, dueAt, createdAt, updatedAt);
    }

    public Case withVerified(String hash, BigDecimal fees, String checkedProcedureVersion) {
        return new Case(id, procedureId, checkedProcedureVersion, authorityId, state, version, correctionsLeft, tokenHash,
                eidState, identified, leaseUntil, hash, fees, paymentId, paidAt, decision, dueAt, createdAt, updatedAt);
    }

    public Case withPayment(String id, Instant paid) {
        return new Case(this.id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, id, paid, decision, dueAt, createdAt, updatedAt);
    }

    public Case withDecision(CaseDecision newDecision) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, newDecision, dueAt, createdAt, updatedAt);
    }

    public Case withDueAt(Instant due) {
        return new Case(id, procedureId, procedureVersion, authorityId, state, version, correctionsLeft, tokenHash, eidState,
                identified, leaseUntil, verifiedHash, feeTotal, paymentId, paidAt, decision, due, createdAt, updatedAt);
    }

    /** The basic view older callers use. */
    public Application application() {
        return new Application(id, procedureId, authorityId, state, correctionsLeft, createdAt, updatedAt);
    }
}
