package org.openikfz.api.procedure;

import java.time.LocalDate;
import java.util.Optional;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a procedure sees when it judges its own conditions: the answers, the facts the checks
 * established (by their {@link FactKey}s), the identified applicant and
 * today's date. Provided by the engine after the checks have run.
 *
 * @since 1.1
 */
@ProviderType
public interface Evaluation {

    Answers answers();

    Optional<VerifiedIdentity> applicant();

    /** The Zulassungsbehörde (authority key) the application is made to. */
    String authority();

    /** Today in the authority's time zone, from the engine's clock. */
    LocalDate today();

    /**
     * A fact the checks established; absent when its check failed or opposed. A procedure names the facts it
     * judges in {@link Procedure#needs()}.
     *
     * @since 2.0 by a typed key
     */
    <T> Optional<T> fact(FactKey<T> key);
}
