package org.openikfz.api.procedure;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.text.LocalizedText;

/**
 * Everything the platform needs to know of a procedure, as data: the UI renders the dialog from it,
 * the engine runs the named checks, applies the decision policy and charges the fees. Built with
 * {@link #builder}: what the SPI adds to a description later is a new method of the builder, not a new
 * constructor every procedure must call.
 *
 * @since 2.0 a class with a builder (in 1.x a record)
 */
public final class ProcedureDescription {

    private final ProcedureId id;
    private final LocalizedText title;
    private final LocalizedText summary;
    private final List<LegalBasis> legalBasis;
    private final Set<Applicant> applicants;
    private final Identification identification;
    private final Dialog dialog;
    private final List<CheckId> checks;
    private final DecisionPolicy decisionPolicy;
    private final List<FeeRule> fees;
    private final Set<Output> outputs;

    private ProcedureDescription(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.title = Objects.requireNonNull(b.title, "title");
        this.summary = Objects.requireNonNull(b.summary, "summary");
        this.identification = Objects.requireNonNull(b.identification, "identification");
        this.dialog = Objects.requireNonNull(b.dialog, "dialog");
        this.decisionPolicy = Objects.requireNonNull(b.decisionPolicy, "decisionPolicy");
        this.legalBasis = List.copyOf(b.legalBasis);
        this.applicants = Set.copyOf(b.applicants);
        this.checks = List.copyOf(b.checks);
        this.fees = List.copyOf(b.fees);
        this.outputs = Set.copyOf(b.outputs);
        if (applicants.isEmpty()) {
            throw new IllegalArgumentException("procedure " + id + " names no applicant");
        }
    }

    /**
     * A description; {@link Builder#summary}, {@link Builder#applicants}, the dialog and the
     * {@link Builder#decisionPolicy} must be given, identification is {@link Identification#OPTIONAL} unless set.
     *
     * @param id    identifies the procedure (and its page)
     * @param title the name a citizen knows, e.g. "Fahrzeug abmelden (Außerbetriebsetzung)"
     */
    public static Builder builder(ProcedureId id, LocalizedText title) {
        return new Builder(id, title);
    }

    /** This description to build on (e.g. a test's variant). */
    public Builder toBuilder() {
        return builder(id, title).summary(summary).legalBasis(legalBasis).applicants(applicants).identification(identification)
                .dialog(dialog).checks(checks).decisionPolicy(decisionPolicy).fees(fees).outputs(outputs);
    }

    /** Identifies the procedure (and its page). */
    public ProcedureId id() {
        return id;
    }

    /** The name a citizen knows. */
    public LocalizedText title() {
        return title;
    }

    /** One or two plain sentences what the procedure does and what is needed. */
    public LocalizedText summary() {
        return summary;
    }

    /** The paragraphs it rests on. */
    public List<LegalBasis> legalBasis() {
        return legalBasis;
    }

    /** Who may apply. */
    public Set<Applicant> applicants() {
        return applicants;
    }

    /** Whether electronic identification is required. */
    public Identification identification() {
        return identification;
    }

    /** The applicant's dialog. */
    public Dialog dialog() {
        return dialog;
    }

    /** The verification steps the engine runs (in this order, unless a check needs another's facts first). */
    public List<CheckId> checks() {
        return checks;
    }

    /** Who decides when all checks are clear. */
    public DecisionPolicy decisionPolicy() {
        return decisionPolicy;
    }

    /** The GebOSt items charged, with their conditions. */
    public List<FeeRule> fees() {
        return fees;
    }

    /** What the procedure produces. */
    public Set<Output> outputs() {
        return outputs;
    }

    @Override
    public String toString() {
        return "ProcedureDescription[" + id + "]";
    }

    /** Builds a {@link ProcedureDescription}. */
    public static final class Builder {

        private final ProcedureId id;
        private final LocalizedText title;
        private LocalizedText summary;
        private List<LegalBasis> legalBasis = List.of();
        private Set<Applicant> applicants = Set.of();
        private Identification identification = Identification.OPTIONAL;
        private Dialog dialog;
        private List<CheckId> checks = List.of();
        private DecisionPolicy decisionPolicy;
        private List<FeeRule> fees = List.of();
        private Set<Output> outputs = Set.of();

        private Builder(ProcedureId id, LocalizedText title) {
            this.id = id;
            this.title = title;
        }

        /** One or two plain sentences what the procedure does and what is needed. */
        public Builder summary(LocalizedText summary) {
            this.summary = summary;
            return this;
        }

        /** The paragraphs it rests on. */
        public Builder legalBasis(List<LegalBasis> legalBasis) {
            this.legalBasis = Objects.requireNonNull(legalBasis, "legalBasis");
            return this;
        }

        /** The paragraphs it rests on. */
        public Builder legalBasis(LegalBasis... legalBasis) {
            return legalBasis(List.of(legalBasis));
        }

        /** Who may apply (at least one). */
        public Builder applicants(Set<Applicant> applicants) {
            this.applicants = Objects.requireNonNull(applicants, "applicants");
            return this;
        }

        /** Who may apply (at least one). */
        public Builder applicants(Applicant... applicants) {
            return applicants(Set.of(applicants));
        }

        /** Whether electronic identification is required (FZV § 20(1)). */
        public Builder identification(Identification identification) {
            this.identification = identification;
            return this;
        }

        /** The applicant's dialog. */
        public Builder dialog(Dialog dialog) {
            this.dialog = dialog;
            return this;
        }

        /** The applicant's dialog, by its steps. */
        public Builder steps(List<DialogStep> steps) {
            return dialog(new Dialog(steps));
        }

        /** The applicant's dialog, by its steps. */
        public Builder steps(DialogStep... steps) {
            return steps(List.of(steps));
        }

        /** The verification steps the engine runs. */
        public Builder checks(List<CheckId> checks) {
            this.checks = Objects.requireNonNull(checks, "checks");
            return this;
        }

        /** The verification steps the engine runs. */
        public Builder checks(CheckId... checks) {
            return checks(List.of(checks));
        }

        /** Who decides when all checks are clear (FZV § 19(1): automated only where the law allows). */
        public Builder decisionPolicy(DecisionPolicy decisionPolicy) {
            this.decisionPolicy = decisionPolicy;
            return this;
        }

        /** The GebOSt items charged, with their conditions. */
        public Builder fees(List<FeeRule> fees) {
            this.fees = Objects.requireNonNull(fees, "fees");
            return this;
        }

        /** What the procedure produces. */
        public Builder outputs(Set<Output> outputs) {
            this.outputs = Objects.requireNonNull(outputs, "outputs");
            return this;
        }

        public ProcedureDescription build() {
            return new ProcedureDescription(this);
        }
    }
}
