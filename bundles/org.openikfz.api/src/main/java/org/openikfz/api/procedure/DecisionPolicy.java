package org.openikfz.api.procedure;

/**
 * Who decides when all checks are clear. Whatever the policy, an application whose machine check
 * fails goes to the clerks (FZV § 19(1) S. 4) — that rule is the engine's, not the procedure's.
 */
public enum DecisionPolicy {
    /** The portal decides automatically when nothing opposes and nothing failed. */
    AUTOMATED,
    /** A clerk of the Zulassungsbehörde always decides. */
    MANUAL
}
