package org.openikfz.check.evb.internal;

import java.util.Optional;
import java.util.Set;
import org.openikfz.api.check.AnsweredFields;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.EvbConnector;
import org.openikfz.api.connector.EvbConnector.Confirmation;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Evb;
import org.openikfz.api.value.ValueValidationException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * FZV Anlage 11 Nr. 4: the number of the electronic insurance confirmation (eVB) is checked against
 * the insurers' (GDV) database, and the insurance data it returns are added to the application. The
 * eVB is the field of type EVB; where a case needs none (e.g. a move within the district), the
 * field is not shown and the check is clear.
 */
@Component
public final class EvbCheck implements Check {

    private volatile EvbConnector gdv;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setGdv(EvbConnector connector) {
        this.gdv = connector;
    }

    void unsetGdv(EvbConnector connector) {
        if (this.gdv == connector) {
            this.gdv = null;
        }
    }

    @Override
    public CheckId id() {
        return CheckId.EVB;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("eVB check could not be completed: " + e.getClass().getSimpleName(), LocalizedText.of(
                    "Die Prüfung der eVB (elektronische Versicherungsbestätigung) wurde wegen eines technischen Fehlers "
                            + "abgebrochen; der Versicherungsschutz ist nicht maschinell bestätigt.",
                    "The check of the eVB (electronic insurance confirmation) was stopped by a technical error; "
                            + "insurance cover was not confirmed by machine."));
        }
    }

    private CheckResult verify(CheckContext context) {
        AnsweredFields answered = AnsweredFields.of(context);
        Optional<Field> field = answered.first(FieldType.EVB);
        if (field.isEmpty()) {
            return CheckResult.clear(); // no eVB needed in this case
        }
        EvbConnector connector = gdv;
        if (connector == null) {
            return CheckResult.failed("eVB database not available (no connector)", databaseNotReached());
        }
        Evb evb;
        try {
            evb = Evb.of(answered.value(field.get()));
        } catch (ValueValidationException e) {
            return CheckResult.failed("answer not valid for the eVB database: " + e.key(), LocalizedText.of(
                    "Die angegebene eVB-Nummer (elektronische Versicherungsbestätigung) hat kein gültiges Format; "
                            + "sie ist nicht mit der eVB-Datenbank der Versicherer abgeglichen.",
                    "The eVB number (electronic insurance confirmation) entered has no valid format; "
                            + "it was not matched with the insurers' eVB database."));
        }
        Confirmation confirmation;
        try {
            // FZV Anlage 11 Nr. 4: eVB against the GDV database
            confirmation = connector.verify(evb);
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("eVB database not reachable: " + e.getMessage(), databaseNotReached());
        } catch (RuntimeException e) {
            return CheckResult.failed("eVB connector error: " + e.getClass().getSimpleName(), databaseNotReached());
        }
        if (confirmation == null) {
            return CheckResult.failed("eVB connector gave no answer", databaseNotReached());
        }
        String id = field.get().id();
        return switch (confirmation.status()) {
            case VALID -> {
                yield withIfPresent(withIfPresent(CheckResult.clear(), Facts.EVB_INSURER, confirmation.insurer()),
                        Facts.EVB_INSURER_NUMBER, confirmation.insurerNumber());
            }
            case UNKNOWN -> CheckResult.opposed(new Finding(id, LocalizedText.of(
                    "Diese eVB-Nummer ist bei den Versicherern nicht bekannt. Bitte prüfen Sie die Nummer "
                            + "(7 Zeichen, ohne die Buchstaben I und O). Stimmt sie, fragen Sie Ihre Versicherung nach einer gültigen eVB-Nummer.",
                    "The insurers do not know this eVB number. Please check the number (7 characters, without the letters I and O). "
                            + "If it is right, ask your insurer for a valid eVB number.")));
            case USED -> CheckResult.opposed(new Finding(id, LocalizedText.of(
                    "Diese eVB-Nummer wurde schon für eine andere Zulassung verwendet. Bitte fragen Sie Ihre Versicherung nach einer neuen eVB-Nummer.",
                    "This eVB number has already been used for another registration. Please ask your insurer for a new eVB number.")));
            case EXPIRED -> CheckResult.opposed(new Finding(id, LocalizedText.of(
                    "Diese eVB-Nummer ist nicht mehr gültig. Bitte fragen Sie Ihre Versicherung nach einer neuen eVB-Nummer.",
                    "This eVB number is no longer valid. Please ask your insurer for a new eVB number.")));
        };
    }

    /** For the clerks: the insurers' database could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText databaseNotReached() {
        return LocalizedText.of(
                "Die eVB-Datenbank der Versicherer (GDV) war bei der Prüfung nicht erreichbar oder hat keine verwertbare Antwort "
                        + "gegeben; die eVB (elektronische Versicherungsbestätigung) ist nicht maschinell bestätigt.",
                "The insurers' eVB database (GDV) could not be reached during the check or gave no usable answer; "
                        + "the eVB (electronic insurance confirmation) was not confirmed by machine.");
    }

    private static CheckResult.Clear withIfPresent(CheckResult.Clear clear, FactKey<String> key, String value) {
        return value != null && !value.isBlank() ? clear.with(key, value.strip()) : clear;
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(Facts.EVB_INSURER, Facts.EVB_INSURER_NUMBER);
    }
}
