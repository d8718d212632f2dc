package org.openikfz.api.connector;

import java.util.Objects;

/**
 * A person identified electronically (FZV § 20(1)–(3)): the data the ID method provides are taken
 * from it, not typed.
 *
 * @param subject a stable pseudonym of the person at the identity provider
 * @param person  name, address and date of birth as the ID method provides them
 * @param level   assurance level, e.g. {@code "substantial"} or {@code "high"} (eIDAS)
 */
public record VerifiedIdentity(String subject, Holder person, String level) {
    public VerifiedIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(level, "level");
    }

    @Override
    public String toString() {
        return "VerifiedIdentity[" + level + "]";
    }
}
