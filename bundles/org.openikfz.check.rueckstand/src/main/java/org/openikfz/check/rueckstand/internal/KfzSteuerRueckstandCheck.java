package org.openikfz.check.rueckstand.internal;

import java.util.Map;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsKind;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * FZV Anlage 11 Nr. 6, § 13(2) KraftStG: a vehicle is not registered for a holder with vehicle-tax
 * arrears. The Zoll (federal: any Land) is asked for the identified applicant; the check needs no
 * field and runs for every case of the procedures that name it.
 */
@Component
public final class KfzSteuerRueckstandCheck implements Check {

    private final ArrearsCheck arrears = new ArrearsCheck(ArrearsKind.KFZ_STEUER, false, "Kfz-Steuer arrears",
            new ArrearsCheck.Lead(
                    "Bei der Zollverwaltung sind Rückstände an Kraftfahrzeugsteuer für Sie eingetragen{amount}. Solange sie bestehen, "
                            + "darf kein Fahrzeug auf Sie zugelassen werden (§ 13 Abs. 2 Kraftfahrzeugsteuergesetz).",
                    "Vehicle-tax arrears are recorded for you with the customs administration{amount}. While they remain, "
                            + "no vehicle may be registered to you (section 13(2) Motor Vehicle Tax Act)."));

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ArrearsConnector.KIND + "=kfz-steuer)")
    void bindConnector(ArrearsConnector connector, Map<String, Object> properties) {
        arrears.bind(connector, properties);
    }

    void unbindConnector(ArrearsConnector connector) {
        arrears.unbind(connector);
    }

    @Override
    public CheckId id() {
        return CheckId.KFZ_STEUER_RUECKSTAND;
    }

    @Override
    public CheckResult check(CheckContext context) {
        return arrears.check(context);
    }
}
