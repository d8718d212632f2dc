package org.openikfz.api.procedure;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.text.LocalizedText;

/**
 * Everything the platform needs to know of a procedure, as data: the UI renders the dialog from it,
 * the engine runs the named checks, applies the decision policy and charges the fees.
 *
 * @param id             identifies the procedure (and its page)
 * @param title          the name a citizen knows, e.g. "Fahrzeug abmelden (Außerbetriebsetzung)"
 * @param summary        one or two plain sentences what the procedure does and what is needed
 * @param legalBasis     the paragraphs it rests on
 * @param applicants     who may apply
 * @param identification whether electronic identification is required
 * @param dialog         the applicant's dialog
 * @param checks         the verification steps the engine runs, in order
 * @param decisionPolicy who decides when all checks are clear
 * @param fees           the GebOSt items charged, with their conditions
 * @param outputs        what the procedure produces
 */
public record ProcedureDescription(ProcedureId id, LocalizedText title, LocalizedText summary,
        List<LegalBasis> legalBasis, Set<Applicant> applicants, Identification identification, Dialog dialog,
        List<CheckId> checks, DecisionPolicy decisionPolicy, List<FeeRule> fees, Set<Output> outputs) {

    public ProcedureDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(identification, "identification");
        Objects.requireNonNull(dialog, "dialog");
        Objects.requireNonNull(decisionPolicy, "decisionPolicy");
        legalBasis = List.copyOf(legalBasis);
        applicants = Set.copyOf(applicants);
        checks = List.copyOf(checks);
        fees = List.copyOf(fees);
        outputs = Set.copyOf(outputs);
        if (applicants.isEmpty()) {
            throw new IllegalArgumentException("procedure " + id + " names no applicant");
        }
    }
}
