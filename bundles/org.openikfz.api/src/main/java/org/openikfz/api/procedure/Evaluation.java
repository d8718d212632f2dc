package org.openikfz.api.procedure;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a procedure sees when it judges its own conditions: the answers, the facts the checks
 * established (by the keys of {@link org.openikfz.api.check.Facts}), the identified applicant and
 * today's date. Provided by the engine after the checks have run.
 *
 * @since 1.1
 */
@ProviderType
public interface Evaluation {

    Answers answers();

    /** Facts of the checks that came out clear; a fact is absent when its check failed or opposed. */
    Map<String, String> facts();

    Optional<VerifiedIdentity> applicant();

    /** The Zulassungsbehörde (authority key) the application is made to. */
    String authority();

    /** Today in the authority's time zone, from the engine's clock. */
    LocalDate today();

    /** A fact, if established. */
    default Optional<String> fact(String key) {
        return Optional.ofNullable(facts().get(key));
    }
}
