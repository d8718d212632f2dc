package org.openikfz.core.internal.verification;

/** FZV § 20(4): what an opposing result means for the corrections the applicant has left. */
public final class Corrections {

    // FZV § 20(4): the applicant may correct opposed data at most three times
    public static final int ALLOWED = 3;

    private Corrections() {
    }

    /**
     * After an opposing result: the first verification is not a correction, every later one is; still
     * opposed after the third correction, the dialog is aborted.
     *
     * @param left corrections left before this verification
     * @param correction whether this verification followed an earlier one
     */
    public static Outcome afterOpposed(int left, boolean correction) {
        int remaining = correction ? left - 1 : left;
        return new Outcome(Math.max(0, remaining), correction && remaining <= 0);
    }

    /** Corrections left, and whether the dialog is aborted. */
    public record Outcome(int left, boolean abort) {
    }
}
