package org.openikfz.api.health;

import java.util.Objects;

/**
 * One part of the platform that is not ready. Names only (a procedure id, a job name), never an
 * error text or personal data: the public probe shows them.
 *
 * @param part what kind of part
 * @param name which one: the procedure id or the job name; {@code null} for the store and the engine
 * @since 1.1
 */
public record NotReady(Part part, String name) {

    /** The kinds of parts readiness looks at. */
    public enum Part {
        /** The engine (the core's application service) is not running. */
        ENGINE,
        /** The store is stopped, or its database cannot be reached. */
        STORE,
        /**
         * A procedure the district offers ({@code district.procedures}) is not deployed, or is withheld because
         * a fact it or its checks need is produced by none of its deployed checks (the log and the operators'
         * view say which).
         */
        PROCEDURE,
        /** A background job failed its last run or has not completed one for too long. */
        JOB
    }

    public NotReady {
        Objects.requireNonNull(part, "part");
    }

    public static NotReady of(Part part) {
        return new NotReady(part, null);
    }
}
