package org.openikfz.testfixture.procedure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.dialog.Notice;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A procedure that exists only so tests can hot-deploy and remove one; it is data only, like every
 * procedure bundle, and knows nothing but the API.
 *
 * <p>Its bundle's major version chooses its rules, so that the upgrade tests can deploy it twice (as 1.x
 * and, with its manifest's version changed, as 2.0.0) and tell the two apart: version 1 asks for the plate
 * and decides by machine; version 2 is titled "Version 2", also asks for a reason, and leaves the decision
 * to the clerks.
 */
@Component
public class FixtureProcedure implements Procedure {

    static final ProcedureId ID = new ProcedureId("testverfahren");

    private final ProcedureDescription description;

    @Activate
    public FixtureProcedure(BundleContext context) {
        this(context.getBundle().getVersion().getMajor());
    }

    FixtureProcedure(int major) {
        boolean second = major >= 2;
        List<Field> fields = new ArrayList<>(List.of(Field.required("kennzeichen", FieldType.KENNZEICHEN,
                LocalizedText.of("Kennzeichen", "Licence plate"), null)));
        if (second) {
            fields.add(Field.required("grund", FieldType.TEXT, LocalizedText.of("Grund", "Reason"), null));
        }
        description = ProcedureDescription.builder(ID, second ? LocalizedText.of("Testverfahren, Version 2", "Test procedure, version 2")
                        : LocalizedText.of("Testverfahren (Hot-Deployment)", "Test procedure (hot deployment)"))
                .summary(LocalizedText.of("Ein Verfahren, das nur Tests zur Laufzeit ein- und ausbauen.",
                        "A procedure that only tests deploy and remove at runtime."))
                .legalBasis(List.of(new LegalBasis("FZV § 19", "Internetbasierte Zulassungsverfahren")))
                .applicants(Set.of(Applicant.NATURAL_PERSON))
                .dialog(new Dialog(List.of(DialogStep.builder("fahrzeug", LocalizedText.of("Fahrzeug", "Vehicle"))
                        .notices(List.of(new Notice(Notice.Kind.INFO, LocalizedText.of("Nur für Tests.", "For tests only."))))
                        .fields(fields)
                        .build())))
                .checks(List.of(CheckId.ZFZR))
                .decisionPolicy(second ? DecisionPolicy.MANUAL : DecisionPolicy.AUTOMATED)
                .build();
    }

    @Override
    public ProcedureDescription description() {
        return description;
    }
}
