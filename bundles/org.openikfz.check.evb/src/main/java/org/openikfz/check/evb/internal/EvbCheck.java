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
import org.openikfz.api.text.Texts;
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

    /** The texts: OSGI-INF/l10n/evb.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(EvbCheck.class, "OSGI-INF/l10n/evb");

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
            return CheckResult.failed("eVB check could not be completed: " + e.getClass().getSimpleName(), TEXTS.get("evbCheck.the-check-of-the-evb"));
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
            return CheckResult.failed("answer not valid for the eVB database: " + e.key(), TEXTS.get("evbCheck.the-evb-number-electronic-insurance"));
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
            case UNKNOWN -> CheckResult.opposed(new Finding(id, TEXTS.get("evbCheck.the-insurers-do-not-know")));
            case USED -> CheckResult.opposed(new Finding(id, TEXTS.get("evbCheck.this-evb-number-has-already")));
            case EXPIRED -> CheckResult.opposed(new Finding(id, TEXTS.get("evbCheck.this-evb-number-is-no")));
        };
    }

    /** For the clerks: the insurers' database could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText databaseNotReached() {
        return TEXTS.get("evbCheck.the-insurers-evb-database-gdv");
    }

    private static CheckResult.Clear withIfPresent(CheckResult.Clear clear, FactKey<String> key, String value) {
        return value != null && !value.isBlank() ? clear.with(key, value.strip()) : clear;
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(Facts.EVB_INSURER, Facts.EVB_INSURER_NUMBER);
    }
}
