package org.openikfz.check.zoll.internal;

import org.openikfz.api.dialog.SharedFields;
import org.openikfz.api.check.FactKey;
import java.util.Set;
import java.util.LinkedHashMap;
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
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.connector.ZollConnector;
import org.openikfz.api.connector.ZollConnector.Mandate;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.text.Texts;
import org.openikfz.api.value.Iban;
import org.openikfz.api.value.ValueValidationException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * FZV Anlage 11 Nr. 5: the SEPA direct-debit mandate for the Kfz-Steuer is verified by the Zoll; the
 * tax data set is built from it and the holder can save or print a mandate confirmation (facts). The
 * IBAN is the field of type IBAN, the account holder the field {@link Registration#SEPA_KONTOINHABER};
 * the taxpayer is the identified applicant. The IBAN is a secret: it appears in no fact and no reason
 * except masked ({@link Iban#masked()}).
 */
@Component
public final class SepaMandatCheck implements Check {

    /** The texts: OSGI-INF/l10n/zoll.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(SepaMandatCheck.class, "OSGI-INF/l10n/zoll");

    private volatile ZollConnector zoll;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setZoll(ZollConnector connector) {
        this.zoll = connector;
    }

    void unsetZoll(ZollConnector connector) {
        if (this.zoll == connector) {
            this.zoll = null;
        }
    }

    @Override
    public CheckId id() {
        return CheckId.SEPA_MANDAT;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("SEPA mandate check could not be completed: " + e.getClass().getSimpleName(), TEXTS.get("sepaMandatCheck.the-check-of-the-sepa"));
        }
    }

    private CheckResult verify(CheckContext context) {
        AnsweredFields answered = AnsweredFields.of(context);
        Optional<Field> ibanField = answered.first(FieldType.IBAN);
        if (ibanField.isEmpty()) {
            return CheckResult.clear(); // no mandate needed in this case
        }
        Optional<String> accountHolder = answered.value(SharedFields.SEPA_KONTOINHABER).map(String::strip);
        if (accountHolder.isEmpty()) {
            return CheckResult.failed("SEPA mandate: the procedure asked for no account holder", TEXTS.get("sepaMandatCheck.the-application-names-no-account"));
        }
        Optional<VerifiedIdentity> applicant = context.applicant();
        if (applicant.isEmpty()) {
            return CheckResult.failed("SEPA mandate: taxpayer unknown, the applicant is not identified electronically", TEXTS.get("sepaMandatCheck.the-applicant-is-not-identified"));
        }
        ZollConnector connector = zoll;
        if (connector == null) {
            return CheckResult.failed("Zoll not available (no connector)", zollNotReached());
        }
        Iban iban;
        try {
            iban = Iban.of(answered.value(ibanField.get()));
        } catch (ValueValidationException e) {
            return CheckResult.failed("answer not valid for the SEPA mandate: " + e.key(), TEXTS.get("sepaMandatCheck.the-iban-entered-has-no"));
        }
        Mandate mandate;
        try {
            // FZV Anlage 11 Nr. 5: the mandate for the Kfz-Steuer verified by the Zoll
            mandate = connector.verifyMandate(iban, accountHolder.get(), applicant.get().person());
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("Zoll not reachable: " + e.getMessage(), zollNotReached());
        } catch (RuntimeException e) {
            return CheckResult.failed("Zoll connector error: " + e.getClass().getSimpleName(), zollNotReached());
        }
        if (mandate == null) {
            return CheckResult.failed("Zoll connector gave no answer on the SEPA mandate", zollNotReached());
        }
        if (!mandate.accepted()) {
            return CheckResult.opposed(new Finding(ibanField.get().id(), TEXTS.get("sepaMandatCheck.the-customs-administration-did-not")));
        }
        if (mandate.mandateReference() == null || mandate.mandateReference().isBlank()) {
            return CheckResult.failed("Zoll accepted the SEPA mandate without a mandate reference", TEXTS.get("sepaMandatCheck.the-customs-administration-zoll-accepted"));
        }
        return CheckResult.clear().with(Facts.SEPA_MANDATE_REFERENCE, mandate.mandateReference().strip())
                .with(Facts.SEPA_IBAN_MASKED, iban.masked()) // never the IBAN in clear
                .with(Facts.SEPA_ACCOUNT_HOLDER, accountHolder.get());
    }

    /** For the clerks: the Zoll could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText zollNotReached() {
        return TEXTS.get("sepaMandatCheck.the-customs-administration-zoll-could");
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(Facts.SEPA_MANDATE_REFERENCE, Facts.SEPA_IBAN_MASKED, Facts.SEPA_ACCOUNT_HOLDER);
    }
}
