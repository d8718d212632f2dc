package org.openikfz.api.check;

import java.time.LocalDate;
import java.util.Optional;
import org.openikfz.api.connector.VerifiedIdentity;

import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Dialog;
import org.osgi.annotation.versioning.ProviderType;

/** What a check may see of an application. Provided by the engine. */
@ProviderType
public interface CheckContext {

    /**
     * The id of the procedure the application is for (for messages and logs).
     *
     * @since 2.0 as text (in 1.x a {@code ProcedureId}: the check package no longer knows the procedure package)
     */
    String procedure();

    /**
     * The procedure's dialog: a check finds the answers it needs by the fields' types (e.g. the field of type
     * KENNZEICHEN) or their {@link org.openikfz.api.dialog.SharedFields shared ids}, and names those fields in its
     * findings ({@link AnsweredFields}).
     *
     * @since 2.0 (in 1.x through the procedure's description)
     */
    Dialog dialog();

    /**
     * Whether the procedure requires the applicant to identify electronically (FZV § 20(1)): then the identified
     * applicant is the holder, and the holder's data come from the identification, not from the register.
     *
     * @since 2.0 (in 1.x through the procedure's description)
     */
    boolean identificationRequired();

    /**
     * The application being verified (e.g. for a reservation that must be idempotent per application).
     *
     * @since 1.1
     */
    java.util.UUID application();

    /** The Zulassungsbehörde (authority key) the application is made to. */
    String authority();

    /**
     * The Land the Zulassungsbehörde belongs to: Land law decides which fee-arrears check applies.
     *
     * @since 1.2
     */
    org.openikfz.api.value.Land land();

    /** The applicant's answers, already validated at the edge. */
    Answers answers();

    /**
     * A fact an earlier check of this verification established ({@link CheckResult.Clear#with}). The platform
     * runs the checks a check {@linkplain Check#needs() needs} before it; a fact is still absent when its check
     * did not come out clear.
     *
     * @since 2.0
     */
    <T> Optional<T> fact(FactKey<T> key);

    /**
     * The applicant as identified electronically (FZV § 20(1)–(3)), if they did: the holder data
     * for Zuständigkeit and arrears checks come from here, not from typed input.
     *
     * @since 1.1
     */
    Optional<VerifiedIdentity> applicant();

    /**
     * Today in the authority's time zone, from the engine's clock (deadlines are testable).
     *
     * @since 1.1
     */
    LocalDate today();
}
