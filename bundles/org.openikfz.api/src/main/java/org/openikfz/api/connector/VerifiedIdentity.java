package org.openikfz.api.connector;

import java.util.Objects;

/**
 * A person identified electronically (FZV § 20(1)–(3)): the data the ID method provides are taken
 * from it, not typed.
 *
 * @param subject a stable pseudonym of the person at the identity provider
 * @param person  name, address and date of birth as the ID method provides them
 * @param level   assurance level, e.g. {@code "substantial"} or {@code "high"} (eIDAS)
 * @param organisation whether this is an Organisationskonto of a legal person, authority, association
 *                or self-employed person (FZV § 20(3)); then {@code person} holds the organisation
 */
public record VerifiedIdentity(String subject, Holder person, String level, boolean organisation) {
    public VerifiedIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(level, "level");
    }

    /** A natural person (FZV § 20(2)). */
    public VerifiedIdentity(String subject, Holder person, String level) {
        this(subject, person, level, false);
    }

    @Override
    public String toString() {
        return "VerifiedIdentity[" + level + "]";
    }
}
