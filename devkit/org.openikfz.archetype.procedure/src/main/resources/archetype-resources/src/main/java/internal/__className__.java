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
import org.openikfz.api.text.LocalizedText;
import org.osgi.service.component.annotations.Component;

/**
 * ${titleDe} (${titleEn}), ${paragraph}: an Open i-Kfz procedure. It is data and rules only: the portal
 * renders its dialog from the description, the engine runs the checks it names (through their connectors),
 * applies the shared rules of FZV §§ 19-23 (corrections, fees first, the decision and its 30 minutes) and
 * decides by its policy. It registers itself as a {@link Procedure} service; nothing else is needed.
 */
@Component
public final class ${className} implements Procedure {

    static final ProcedureId ID = new ProcedureId("${procedureId}");

    /** The field ids: the keys of the answers (portal and machine API) and of the dialog data. */
    static final String PLATE = "kennzeichen";
    static final String HOLDER = "halter";
    static final String ZB1_CODE = "zb1Code";
    static final String CONFIRMED = "richtig";

    private final ProcedureDescription description = ProcedureDescription.builder(ID, LocalizedText.of("${titleDe}", "${titleEn}"))
            .summary(LocalizedText.of("Stellen Sie den Antrag online. Sie brauchen das Kennzeichen und den Sicherheitscode der "
                    + "Zulassungsbescheinigung Teil I.",
                    "Apply online. You need the plate number and the security code of the registration certificate part I."))
            .legalBasis(List.of(new LegalBasis("${paragraph}", "${titleDe}")))
            .applicants(Set.of(Applicant.NATURAL_PERSON, Applicant.LEGAL_PERSON))
            // FZV § 20(1): REQUIRED where the procedure needs the applicant's identity (then the eID login comes first)
            .identification(Identification.OPTIONAL)
            .dialog(new Dialog(List.of(
                    DialogStep.builder("fahrzeug", LocalizedText.of("Fahrzeug", "Vehicle"))
                            .fields(List.of(Field.required(PLATE, FieldType.KENNZEICHEN, LocalizedText.of("Kennzeichen", "Plate number"),
                                            LocalizedText.of("Wie auf dem Kennzeichenschild, z. B. ERZ-AB 123.", "As on the plate, e.g. ERZ-AB 123.")),
                                    Field.required(HOLDER, FieldType.YES_NO, LocalizedText.of("Sind Sie Halterin oder Halter des Fahrzeugs?",
                                            "Are you the vehicle's holder?"), null)))
                            // a stop: what the procedure cannot do online, said as soon as the answer is given
                            .stops(List.of(new Stop(Condition.whenAny(HOLDER, "false"), LocalizedText.of(
                                    "Online kann nur die Halterin oder der Halter den Antrag stellen. Bitte wenden Sie sich an die "
                                            + "Zulassungsbehörde.",
                                    "Only the holder can apply online. Please contact the registration authority."))))
                            .build(),
                    // the security codes last, after everything that can stop the application (FZV § 21)
                    DialogStep.builder("sicherheitscode", LocalizedText.of("Sicherheitscode", "Security code"))
                            .notices(List.of(new Notice(Notice.Kind.WARNING, LocalizedText.of(
                                    "Der Sicherheitscode wird nach der Prüfung gelöscht; nach drei falschen Angaben endet der Antrag.",
                                    "The security code is deleted after the check; after three wrong entries the application ends."))))
                            .fields(List.of(Field.required(ZB1_CODE, FieldType.ZB1_CODE, LocalizedText.of(
                                            "Sicherheitscode der Zulassungsbescheinigung Teil I", "Security code of the registration certificate part I"),
                                            null),
                                    Field.required(CONFIRMED, FieldType.YES_NO, LocalizedText.of(
                                            "Ich versichere, dass meine Angaben richtig und vollständig sind.",
                                            "I confirm that my details are correct and complete."), null)))
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
            findings.add(new Finding(CONFIRMED, LocalizedText.of("Bitte bestätigen Sie, dass Ihre Angaben richtig sind.",
                    "Please confirm that your details are correct.")));
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }
}
