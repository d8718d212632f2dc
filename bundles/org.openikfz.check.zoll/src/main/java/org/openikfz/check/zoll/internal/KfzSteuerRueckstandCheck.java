package org.openikfz.check.zoll.internal;

import java.util.Optional;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.connector.ZollConnector;
import org.openikfz.api.text.LocalizedText;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * FZV Anlage 11 Nr. 6, § 13(2) KraftStG: a vehicle is not registered for a holder with vehicle-tax
 * arrears. The Zoll is asked for the identified applicant; the check needs no field and runs for
 * every case of the procedures that name it.
 */
@Component
public final class KfzSteuerRueckstandCheck implements Check {

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
        return CheckId.KFZ_STEUER_RUECKSTAND;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("Kfz-Steuer arrears check could not be completed: " + e.getClass().getSimpleName());
        }
    }

    private CheckResult verify(CheckContext context) {
        Optional<VerifiedIdentity> applicant = context.applicant();
        if (applicant.isEmpty()) {
            return CheckResult.failed("Kfz-Steuer arrears: taxpayer unknown, the applicant is not identified electronically");
        }
        ZollConnector connector = zoll;
        if (connector == null) {
            return CheckResult.failed("Zoll not available (no connector)");
        }
        boolean arrears;
        try {
            // § 13(2) KraftStG: no registration while vehicle-tax arrears are recorded
            arrears = connector.hasTaxArrears(applicant.get().person());
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("Zoll not reachable: " + e.getMessage());
        } catch (RuntimeException e) {
            return CheckResult.failed("Zoll connector error: " + e.getClass().getSimpleName());
        }
        if (arrears) {
            return CheckResult.opposed(new Finding(null, LocalizedText.of(
                    "Bei der Zollverwaltung sind Rückstände an Kraftfahrzeugsteuer für Sie eingetragen. Solange sie bestehen, "
                            + "darf kein Fahrzeug auf Sie zugelassen werden (§ 13 Abs. 2 Kraftfahrzeugsteuergesetz). "
                            + "Bitte begleichen Sie die Rückstände beim zuständigen Hauptzollamt und stellen Sie den Antrag danach erneut.",
                    "Vehicle-tax arrears are recorded for you with the customs administration. While they remain, "
                            + "no vehicle may be registered to you (section 13(2) Motor Vehicle Tax Act). "
                            + "Please settle them with the responsible main customs office, then apply again.")));
        }
        return CheckResult.clear();
    }
}
