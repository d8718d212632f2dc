package ${package}.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.dialog.Notice;
import org.openikfz.api.dialog.Stop;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.Texts;
import org.osgi.service.component.annotations.Component;

/**
 * ${titleDe} (${titleEn}), ${paragraph}: an Open i-Kfz procedure. It is data and rules only: the portal
 * renders its dialog from the description, the engine runs the checks it names (through their connectors),
 * applies the shared rules of FZV §§ 19-23 (corrections, fees first, the decision and its 30 minutes) and
 * decides by its policy. It registers itself as a {@link Procedure} service; nothing else is needed.
 */
@Component
public final class ${className} implements Procedure {

    /**
     * The texts: src/main/resources/OSGI-INF/l10n/texts.properties (German, complete), texts_en.properties
     * (English, complete) and any further language beside them or in a fragment bundle.
     */
    static final Texts TEXTS = Texts.of(${className}.class, "OSGI-INF/l10n/texts");

    static final ProcedureId ID = new ProcedureId("${procedureId}");

    /** The field ids: the keys of the answers (portal and machine API) and of the dialog data. */
    static final String PLATE = "kennzeichen";
    static final String HOLDER = "halter";
    static final String ZB1_CODE = "zb1Code";
    static final String CONFIRMED = "richtig";

    private final ProcedureDescription description = ProcedureDescription.builder(ID, TEXTS.get("title"))
            .summary(TEXTS.get("summary"))
            .legalBasis(List.of(new LegalBasis("${paragraph}", "${titleDe}")))
            .applicants(Set.of(Applicant.NATURAL_PERSON, Applicant.LEGAL_PERSON))
            // FZV § 20(1): REQUIRED where the procedure needs the applicant's identity (then the eID login comes first)
            .identification(Identification.OPTIONAL)
            .dialog(new Dialog(List.of(
                    DialogStep.builder("fahrzeug", TEXTS.get("step.vehicle"))
                            .fields(List.of(Field.required(PLATE, FieldType.KENNZEICHEN, TEXTS.get("field.plate"), TEXTS.get("field.plate.help")),
                                    Field.required(HOLDER, FieldType.YES_NO, TEXTS.get("field.holder"), null)))
                            // a stop: what the procedure cannot do online, said as soon as the answer is given
                            .stops(List.of(new Stop(Condition.whenAny(HOLDER, "false"), TEXTS.get("stop.not-holder"))))
                            .build(),
                    // the security codes last, after everything that can stop the application (FZV § 21)
                    DialogStep.builder("sicherheitscode", TEXTS.get("step.code"))
                            .notices(List.of(new Notice(Notice.Kind.WARNING, TEXTS.get("notice.code"))))
                            .fields(List.of(Field.required(ZB1_CODE, FieldType.ZB1_CODE, TEXTS.get("field.zb1"), null),
                                    Field.required(CONFIRMED, FieldType.YES_NO, TEXTS.get("field.confirmed"), null)))
                            .build())))
            // the checks, in order: the vehicle register (ZFZR) with the plate and the security code
            .checks(List.of(CheckId.ZFZR))
            .decisionPolicy(DecisionPolicy.AUTOMATED)
            // the fees: GebOSt items of the platform's fee table, e.g. FeeRule.always("224"); none in this template
            .fees(List.of())
            .outputs(Set.of(Output.DECISION_DOCUMENT))
            .build();

    @Override
    public ProcedureDescription description() {
        return description;
    }

    /**
     * This procedure's own rule, after the checks: the applicant must confirm that the details are correct.
     * A finding opposes the application (the applicant may correct it, FZV § 20(4)).
     */
    @Override
    public CheckResult evaluate(Answers answers) {
        List<Finding> findings = new ArrayList<>();
        if (!answers.get(CONFIRMED).map("true"::equals).orElse(false)) {
            findings.add(new Finding(CONFIRMED, TEXTS.get("finding.confirm")));
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }
}
