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
import org.openikfz.api.text.Texts;
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

    /** The texts: OSGI-INF/l10n/kbareferenz.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(KbaReferenzCheck.class, "OSGI-INF/l10n/kbareferenz");

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
            return CheckResult.failed("KBA reference check could not be completed: " + e.getClass().getSimpleName(), TEXTS.get("kbaReferenzCheck.the-match-with-the-kba"));
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
                    + (finField.isEmpty() ? "no FIN" : "no ZB II code"), TEXTS.get("kbaReferenzCheck.the-application-lacks-the-fin"));
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
            return CheckResult.failed("answers not valid for the KBA reference: " + e.key(), TEXTS.get("kbaReferenzCheck.the-fin-or-the-security"));
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
                    yield CheckResult.failed("technical obstacle reported in the CoC data: the authority decides", TEXTS.get("kbaReferenzCheck.the-kba-reference-data-coc"));
                }
                yield reference.vehicle() == null || reference.vehicle().isBlank()
                        ? CheckResult.clear()
                        : CheckResult.clear().with(Facts.COC_VEHICLE, reference.vehicle().strip());
            }
            case UNKNOWN_FIN -> CheckResult.opposed(new Finding(finId, TEXTS.get("kbaReferenzCheck.the-federal-motor-transport-authority")));
            case ZB2_MISMATCH -> CheckResult.opposed(new Finding(zb2Field.get().id(), TEXTS.get("kbaReferenzCheck.the-security-code-does-not")));
            case NOT_REGISTRABLE -> CheckResult.opposed(new Finding(finId, TEXTS.get("kbaReferenzCheck.according-to-the-certificate-of")));
            case ALREADY_REGISTERED -> CheckResult.opposed(new Finding(finId, TEXTS.get("kbaReferenzCheck.this-vehicle-has-been-registered")));
        };
    }

    /** For the clerks: the KBA reference data could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText referenceNotReached() {
        return TEXTS.get("kbaReferenzCheck.the-kba-reference-data-coc-2");
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(Facts.COC_VEHICLE);
    }
}
