package org.openikfz.api.check;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.openikfz.api.connector.VerifiedIdentity;

import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.osgi.annotation.versioning.ProviderType;

/** What a check may see of an application. Provided by the engine. */
@ProviderType
public interface CheckContext {

    /** The procedure the application is for. */
    ProcedureId procedure();

    /**
     * The procedure's description: a check finds the answers it needs by the fields' types (e.g.
     * the field of type KENNZEICHEN) and names those fields in its findings.
     */
    ProcedureDescription description();

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
     * What earlier checks of this verification established ({@link CheckResult.Clear#facts()}), by the
     * keys of {@link Facts}. Checks run in the order the procedure names them.
     *
     * @since 1.1
     */
    Map<String, String> facts();

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
