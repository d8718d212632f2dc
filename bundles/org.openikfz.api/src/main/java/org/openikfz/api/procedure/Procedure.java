package org.openikfz.api.procedure;

import org.openikfz.api.check.CheckResult;
import org.openikfz.api.dialog.Answers;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An i-Kfz procedure, contributed by its own bundle as an OSGi service. A procedure is data plus
 * rules: it describes itself ({@link #description()}) and judges its own conditions
 * ({@link #evaluate(Answers)}); the shared rules of FZV §§ 19–23 are the engine's. Procedure bundles
 * know only this API: no UI, no store, no other procedure.
 */
@ConsumerType
public interface Procedure {

    /** The procedure as data. Must return the same description for the lifetime of the service. */
    ProcedureDescription description();

    /**
     * Judges the procedure's own conditions on the answers (e.g. a Verwertungsnachweis needs the
     * dismantler's Betriebsnummer). {@link CheckResult.Opposed} names what the applicant must correct;
     * {@link CheckResult.Failed} sends the case to a clerk.
     */
    default CheckResult evaluate(Answers answers) {
        return CheckResult.clear();
    }

    /**
     * Judges the procedure's own conditions after the checks named in the description have run, with
     * the facts they established (e.g. the register's date of the Außerbetriebsetzung). By default
     * {@link #evaluate(Answers)}.
     *
     * @since 1.1
     */
    default CheckResult evaluate(Evaluation evaluation) {
        return evaluate(evaluation.answers());
    }

    /**
     * Who decides this case when all checks are clear; by default the description's policy. A
     * procedure whose cases differ (Umschreibung: keeping the plate is decided automatically) says so here.
     *
     * @since 1.1
     */
    default DecisionPolicy decisionPolicy(Answers answers) {
        return description().decisionPolicy();
    }

    /**
     * What this case produces; by default the description's outputs.
     *
     * @since 1.1
     */
    default java.util.Set<Output> outputs(Answers answers) {
        return description().outputs();
    }

    /**
     * What this case produces, knowing what the checks established and who applied (e.g. whether the
     * register names the identified applicant as the holder); the engine asks this one. By default
     * {@link #outputs(Answers)}.
     *
     * @since 1.2
     */
    default java.util.Set<Output> outputs(Evaluation evaluation) {
        return outputs(evaluation.answers());
    }

    /**
     * The days from the day the authority sends its written decision (the printout of an automated decision
     * not retrieved within 30 minutes, FZV § 23(1) S. 2, or a clerk's decision, S. 3) to the day the decision
     * takes effect. By default 3: "am dritten Tag, der dem Tag folgt, an dem die Zulassungsbehörde den Ausdruck
     * abgesandt hat" (FZV § 23(2)).
     *
     * @since 1.2
     */
    default int daysFromMailingToEffect() {
        return 3;
    }

    /**
     * The facts this procedure's own conditions judge ({@link Evaluation#fact}). The platform does not offer the
     * procedure while one of them is produced by none of its deployed checks (the operators' view says which).
     *
     * @since 2.0
     */
    default java.util.Set<org.openikfz.api.check.FactKey<?>> needs() {
        return java.util.Set.of();
    }
}
