package org.openikfz.core.internal.operations;

import java.time.Duration;

/**
 * What the engine's units report where the work happens, for the metrics: each check call, each
 * decision, each delivery attempt to a destination. Names only (check ids, procedure ids,
 * destinations), never anything of an application.
 */
public interface Observations {

    /** Reports nothing (units tested on their own). */
    Observations NONE = new Observations() {
        @Override
        public void check(String check, CheckOutcome outcome, Duration took) {
        }

        @Override
        public void decision(String procedure, DecidedBy by, boolean approved) {
        }

        @Override
        public void transfer(String destination, boolean delivered, Duration took) {
        }
    };

    /** How a check call ended. */
    enum CheckOutcome {
        CLEAR, OPPOSED, FAILED, TIMEOUT, NOT_DEPLOYED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One check call, with its latency as the verification saw it ({@code null} when it was not called). */
    void check(String check, CheckOutcome outcome, Duration took);

    /** Who decided. */
    enum DecidedBy {
        /** The automated decision (FZV § 19(1), § 23). */
        AUTOMATED,
        /** A clerk (FZV § 19(1) S. 4). */
        CLERK,
        /** A supervisor revoking an automated decision under review and refusing anew (FZV § 23(3)). */
        REVIEW;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A decision, automated or by the staff, committed. */
    void decision(String procedure, DecidedBy by, boolean approved);

    /** One delivery attempt of an outbox message to its destination's connector. */
    void transfer(String destination, boolean delivered, Duration took);
}
