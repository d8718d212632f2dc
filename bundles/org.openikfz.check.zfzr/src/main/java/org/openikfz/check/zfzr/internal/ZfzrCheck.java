package org.openikfz.check.zfzr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.ZfzrConnector;
import org.openikfz.api.connector.ZfzrQuery;
import org.openikfz.api.connector.ZfzrVerification;
import org.openikfz.api.connector.ZfzrVerification.Part;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.ValueValidationException;
import org.openikfz.api.value.Zb1Code;
import org.openikfz.api.value.Zb2Code;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * FZV Anlage 11 Nr. 2: the entered plate, FIN and security codes are compared with the central
 * vehicle register. The answers are found by the fields' types, so any procedure can name this check.
 * A register that cannot be reached makes the check fail (the clerks decide, § 19(1) S. 4) — it never
 * passes silently.
 */
@Component
public final class ZfzrCheck implements Check {

    private volatile ZfzrConnector register;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegister(ZfzrConnector connector) {
        this.register = connector;
    }

    void unsetRegister(ZfzrConnector connector) {
        if (this.register == connector) {
            this.register = null;
        }
    }

    @Override
    public CheckId id() {
        return CheckId.ZFZR;
    }

    @Override
    public CheckResult check(CheckContext context) {
        ZfzrConnector connector = register;
        if (connector == null) {
            return CheckResult.failed("ZFZR not available (no connector)");
        }
        Answers answers = context.answers();
        List<Field> fields = context.description().dialog().steps().stream()
                .filter(s -> s.visible(answers)).flatMap(s -> s.fields().stream())
                .filter(f -> f.visible(answers) && answers.get(f.id()).filter(v -> !v.isBlank()).isPresent()).toList();
        Optional<Field> plate = first(fields, FieldType.KENNZEICHEN);
        if (plate.isEmpty()) {
            return CheckResult.failed("procedure " + context.procedure() + " asks for no plate");
        }
        ZfzrVerification verification;
        try {
            ZfzrQuery query = new ZfzrQuery(Kennzeichen.of(value(answers, plate.get())),
                    first(fields, FieldType.FIN).map(f -> Fin.of(value(answers, f))).orElse(null),
                    first(fields, FieldType.ZB1_CODE).map(f -> Zb1Code.of(value(answers, f))).orElse(null),
                    first(fields, FieldType.ZB2_CODE).map(f -> Zb2Code.of(value(answers, f))).orElse(null),
                    fields.stream().filter(f -> f.type() == FieldType.PLAKETTEN_CODE)
                            .map(f -> PlakettenCode.of(value(answers, f))).toList());
            verification = connector.verify(query);
        } catch (ValueValidationException e) {
            return CheckResult.failed("answers not valid for the register query: " + e.key());
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("ZFZR not reachable: " + e.getMessage());
        }
        if (verification.vehicle() == null) {
            return CheckResult.opposed(new Finding(plate.get().id(), LocalizedText.of(
                    "Zu diesem Kennzeichen ist kein zugelassenes Fahrzeug eingetragen. Bitte prüfen Sie das Kennzeichen.",
                    "No registered vehicle is recorded for this plate. Please check the plate number.")));
        }
        List<Finding> findings = new ArrayList<>();
        for (Part part : verification.mismatches()) {
            switch (part) {
                case NOT_REGISTERED -> findings.add(new Finding(plate.get().id(), LocalizedText.of(
                        "Das Fahrzeug ist bereits abgemeldet.", "The vehicle is already deregistered.")));
                case KENNZEICHEN -> findings.add(new Finding(plate.get().id(), LocalizedText.of(
                        "Das Kennzeichen passt nicht zu den übrigen Angaben. Bitte prüfen Sie das Kennzeichen.",
                        "The plate number does not match your other details. Please check it.")));
                case FIN -> first(fields, FieldType.FIN).ifPresent(f -> findings.add(new Finding(f.id(), LocalizedText.of(
                        "Die Fahrzeug-Identifizierungsnummer passt nicht zu Ihrem Fahrzeug. Bitte prüfen Sie die Eingabe.",
                        "The vehicle identification number does not match your vehicle. Please check your entry."))));
                case ZB1_CODE -> first(fields, FieldType.ZB1_CODE).ifPresent(f -> findings.add(new Finding(f.id(), LocalizedText.of(
                        "Der Sicherheitscode der Zulassungsbescheinigung Teil I passt nicht zu Ihrem Fahrzeug. Bitte prüfen Sie die Eingabe.",
                        "The security code of the registration certificate part I does not match your vehicle. Please check your entry."))));
                case ZB2_CODE -> first(fields, FieldType.ZB2_CODE).ifPresent(f -> findings.add(new Finding(f.id(), LocalizedText.of(
                        "Der Sicherheitscode der Zulassungsbescheinigung Teil II passt nicht zu Ihrem Fahrzeug. Bitte prüfen Sie die Eingabe.",
                        "The security code of the registration certificate part II does not match your vehicle. Please check your entry."))));
                case PLAKETTEN_CODE -> fields.stream().filter(f -> f.type() == FieldType.PLAKETTEN_CODE).findFirst()
                        .ifPresent(f -> findings.add(new Finding(f.id(), LocalizedText.of(
                                "Mindestens ein Sicherheitscode der Stempelplaketten passt nicht zu Ihrem Fahrzeug. Bitte prüfen Sie die Codes vorne und hinten.",
                                "At least one security code of the plate seals does not match your vehicle. Please check the front and rear codes."))));
            }
        }
        return findings.isEmpty() ? CheckResult.clear() : new CheckResult.Opposed(findings);
    }

    private static Optional<Field> first(List<Field> fields, FieldType type) {
        return fields.stream().filter(f -> f.type() == type).findFirst();
    }

    private static String value(Answers answers, Field field) {
        return answers.get(field.id()).orElseThrow();
    }
}
