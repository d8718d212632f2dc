package org.openikfz.check.kbareferenz.internal;

import org.openikfz.api.check.FactKey;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.openikfz.api.check.AnsweredFields;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.KbaReferenzConnector;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.ValueValidationException;
import org.openikfz.api.value.Zb2Code;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * FZV Anlage 11 Nr. 3 (2019: Anlage 8b Nr. 1), Erstzulassung: the FIN and the security code of the
 * Zulassungsbescheinigung Teil II are verified against the KBA's reference data, and the vehicle's
 * registrability is taken from the CoC database. A technical obstacle the manufacturer reported is
 * for the authority to judge (2019: § 15j(4)): the check fails and the clerks decide.
 */
@Component
public final class KbaReferenzCheck implements Check {

    private volatile KbaReferenzConnector kba;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setKba(KbaReferenzConnector connector) {
        this.kba = connector;
    }

    void unsetKba(KbaReferenzConnector connector) {
        if (this.kba == connector) {
            this.kba = null;
        }
    }

    @Override
    public CheckId id() {
        return CheckId.KBA_REFERENZ;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("KBA reference check could not be completed: " + e.getClass().getSimpleName(), LocalizedText.of(
                    "Der Abgleich mit den KBA-Referenzdaten (CoC) wurde wegen eines technischen Fehlers abgebrochen; "
                            + "FIN und Sicherheitscode der Zulassungsbescheinigung Teil II sind nicht maschinell geprüft.",
                    "The match with the KBA reference data (CoC) was stopped by a technical error; the FIN and the "
                            + "security code of the registration certificate part II were not checked by machine."));
        }
    }

    private CheckResult verify(CheckContext context) {
        AnsweredFields answered = AnsweredFields.of(context);
        Optional<Field> finField = answered.first(FieldType.FIN);
        Optional<Field> zb2Field = answered.first(FieldType.ZB2_CODE);
        if (finField.isEmpty() && zb2Field.isEmpty()) {
            return CheckResult.clear(); // not asked in this case
        }
        if (finField.isEmpty() || zb2Field.isEmpty()) {
            return CheckResult.failed("KBA reference needs both FIN and ZB II code; the procedure asked for "
                    + (finField.isEmpty() ? "no FIN" : "no ZB II code"), LocalizedText.of(
                    "Dem Antrag fehlt die FIN oder der Sicherheitscode der Zulassungsbescheinigung Teil II; "
                            + "ein Abgleich mit den KBA-Referenzdaten (CoC) war nicht möglich.",
                    "The application lacks the FIN or the security code of the registration certificate part II; "
                            + "no match with the KBA reference data (CoC) was possible."));
        }
        KbaReferenzConnector connector = kba;
        if (connector == null) {
            return CheckResult.failed("KBA reference not available (no connector)", referenceNotReached());
        }
        Fin fin;
        Zb2Code zb2;
        try {
            fin = Fin.of(answered.value(finField.get()));
            zb2 = Zb2Code.of(answered.value(zb2Field.get()));
        } catch (ValueValidationException e) {
            return CheckResult.failed("answers not valid for the KBA reference: " + e.key(), LocalizedText.of(
                    "Die FIN oder der Sicherheitscode der Zulassungsbescheinigung Teil II hat kein gültiges Format; "
                            + "ein Abgleich mit den KBA-Referenzdaten (CoC) war nicht möglich.",
                    "The FIN or the security code of the registration certificate part II has no valid format; "
                            + "no match with the KBA reference data (CoC) was possible."));
        }
        KbaReferenzConnector.Reference reference;
        try {
            reference = connector.verify(fin, zb2);
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("KBA reference not reachable: " + e.getMessage(), referenceNotReached());
        } catch (RuntimeException e) {
            return CheckResult.failed("KBA reference connector error: " + e.getClass().getSimpleName(), referenceNotReached());
        }
        if (reference == null) {
            return CheckResult.failed("KBA reference connector gave no answer", referenceNotReached());
        }
        String finId = finField.get().id();
        return switch (reference.status()) {
            case REGISTRABLE -> {
                if (reference.obstacle() != null && !reference.obstacle().isBlank()) {
                    // 2019 § 15j(4): the authority checks technical obstacles; not decidable by machine
                    yield CheckResult.failed("technical obstacle reported in the CoC data: the authority decides", LocalizedText.of(
                            "In den KBA-Referenzdaten (CoC) ist ein technisches Zulassungshindernis für dieses Fahrzeug gemeldet; "
                                    + "die Zulassungsbehörde entscheidet, ob das Fahrzeug zugelassen werden kann.",
                            "The KBA reference data (CoC) report a technical obstacle to registering this vehicle; "
                                    + "the registration authority decides whether the vehicle can be registered."));
                }
                yield reference.vehicle() == null || reference.vehicle().isBlank()
                        ? CheckResult.clear()
                        : CheckResult.clear().with(Facts.COC_VEHICLE, reference.vehicle().strip());
            }
            case UNKNOWN_FIN -> CheckResult.opposed(new Finding(finId, LocalizedText.of(
                    "Zu dieser Fahrzeug-Identifizierungsnummer hat das Kraftfahrt-Bundesamt keine Daten. "
                            + "Bitte prüfen Sie die Nummer in der Zulassungsbescheinigung Teil II (Feld E).",
                    "The Federal Motor Transport Authority has no data for this vehicle identification number. "
                            + "Please check the number in the registration certificate part II (field E).")));
            case ZB2_MISMATCH -> CheckResult.opposed(new Finding(zb2Field.get().id(), LocalizedText.of(
                    "Der Sicherheitscode passt nicht zur Zulassungsbescheinigung Teil II dieses Fahrzeugs. "
                            + "Bitte prüfen Sie den freigelegten Code und die Fahrzeug-Identifizierungsnummer.",
                    "The security code does not match the registration certificate part II of this vehicle. "
                            + "Please check the uncovered code and the vehicle identification number.")));
            case NOT_REGISTRABLE -> CheckResult.opposed(new Finding(finId, LocalizedText.of(
                    "Nach den Daten der Übereinstimmungsbescheinigung (CoC) kann dieses Fahrzeug nicht online zugelassen werden. "
                            + "Bitte wenden Sie sich an Ihre Zulassungsbehörde.",
                    "According to the certificate of conformity (CoC) data, this vehicle cannot be registered online. "
                            + "Please contact your registration authority.")));
            case ALREADY_REGISTERED -> CheckResult.opposed(new Finding(finId, LocalizedText.of(
                    "Dieses Fahrzeug war schon einmal zugelassen, es ist also keine Erstzulassung. "
                            + "Wählen Sie bitte „Wiederzulassung“ (das Fahrzeug war abgemeldet) oder „Umschreibung“ (Halterwechsel).",
                    "This vehicle has been registered before, so this is not a first registration. "
                            + "Please choose re-registration (the vehicle was deregistered) or transfer (change of holder).")));
        };
    }

    /** For the clerks: the KBA reference data could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText referenceNotReached() {
        return LocalizedText.of(
                "Die KBA-Referenzdaten (CoC) waren bei der Prüfung nicht erreichbar oder haben keine verwertbare Antwort gegeben; "
                        + "FIN und Sicherheitscode der Zulassungsbescheinigung Teil II sind nicht maschinell geprüft.",
                "The KBA reference data (CoC) could not be reached during the check or gave no usable answer; the FIN and the "
                        + "security code of the registration certificate part II were not checked by machine.");
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(Facts.COC_VEHICLE);
    }
}
