package org.openikfz.testfixture.extension;

import java.util.List;
import java.util.Set;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.check.Finding;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Evaluation;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.testfixture.fieldtype.Postleitzahl;
import org.osgi.service.component.annotations.Component;

/**
 * A procedure that uses what two other bundles added: a field of the fixture's type and the fixture's check,
 * whose fact it judges. It names the fact by its own key (same name, same type): it does not import the check's
 * bundle, so without that bundle it is deployed but not offered.
 */
@Component
public class OrtVerfahren implements Procedure {

    static final ProcedureId ID = new ProcedureId("testverfahren-ort");
    private static final FactKey<String> ORT = FactKey.text("testfixture.ort");

    private final ProcedureDescription description = ProcedureDescription.builder(ID, LocalizedText.of("Testverfahren mit Postleitzahl", "Test procedure with a postal code"))
            .summary(LocalizedText.of("Ein Verfahren, das nur Tests ein- und ausbauen.", "A procedure that only tests deploy and remove."))
            .legalBasis(List.of(new LegalBasis("FZV § 19", "Internetbasierte Zulassungsverfahren")))
            .applicants(Set.of(Applicant.NATURAL_PERSON))
            .dialog(new Dialog(List.of(DialogStep.builder("wohnort", LocalizedText.of("Wohnort", "Residence"))
                    .fields(List.of(Field.required("plz", Postleitzahl.TYPE, LocalizedText.of("Postleitzahl", "Postal code"), null)))
                    .build())))
            .checks(List.of(new CheckId("testfixture.ort")))
            .decisionPolicy(DecisionPolicy.AUTOMATED)
            .build();

    @Override
    public ProcedureDescription description() {
        return description;
    }

    @Override
    public CheckResult evaluate(Evaluation evaluation) {
        // a rule on the check's fact: Zwickau has its own test authority
        return evaluation.fact(ORT).filter("Zwickau"::equals).isPresent()
                ? CheckResult.opposed(new Finding("plz", LocalizedText.of("Zwickau gehört zu einer anderen Behörde.",
                        "Zwickau belongs to another authority.")))
                : CheckResult.clear();
    }

    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(ORT);
    }
}
