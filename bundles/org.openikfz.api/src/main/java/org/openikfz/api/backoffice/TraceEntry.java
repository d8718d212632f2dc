package org.openikfz.api.backoffice;

/**
 * One step of an automated decision's workings (FZV § 23(3): inspectable and verifiable): a check or
 * the procedure's own rules, with the inputs it saw (masked where personal or secret), its outcome,
 * the rule that decided and the version of the bundle that applied it.
 *
 * @param outcome     {@code CLEAR}, {@code OPPOSED} or {@code FAILED}
 * @param inputs      JSON object of the answers the step saw, masked
 * @param established the facts it established (keys)
 */
public record TraceEntry(int seq, String step, String outcome, String inputs, String established, String rule, String version) {
}
