package org.openikfz.check.rueckstand.internal;

import org.openikfz.api.check.FactKey;
import java.util.Map;
import java.util.Set;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsKind;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * FZV Anlage 11 Nr. 8 [2019: Anlage 8b Nr. 11], § 6a(8) StVG: where Land law provides it, the portal
 * asks the Land's database of fees and expenses still owed from earlier Zulassungsvorgänge. The
 * connector of the authority's Land answers; with none deployed the check fails (the clerks decide).
 * In a Land whose law provides no such check, the district sets {@code landLawProvidesCheck=false}.
 */
@Component(configurationPid = GebuehrenRueckstandCheck.PID)
@Designate(ocd = GebuehrenRueckstandCheck.Config.class)
public final class GebuehrenRueckstandCheck implements Check {

    static final String PID = "org.openikfz.check.gebuehren";

    @ObjectClassDefinition(id = PID, name = "Land fee-arrears check",
            description = "FZV Anlage 11 Nr. 8, § 6a(8) StVG: the Land's check of fees owed from earlier registrations")
    public @interface Config {
        @AttributeDefinition(description = "Whether the law of the authority's Land provides the check. If not, the step "
                + "is passed as not provided; if so and no connector for the Land is deployed, the case goes to the clerks.")
        boolean landLawProvidesCheck() default true;
    }

    private final ArrearsCheck arrears = new ArrearsCheck(ArrearsKind.GEBUEHREN, true, "Gebührenrückstand",
            new ArrearsCheck.Lead(
                    "Für Sie sind offene Gebühren oder Auslagen aus früheren Zulassungsvorgängen in {land} vermerkt{amount}. "
                            + "Solange sie nicht beglichen sind, kann kein Fahrzeug auf Sie zugelassen werden "
                            + "(§ 6a Abs. 8 Straßenverkehrsgesetz mit dem Recht des Landes {land}).",
                    "Fees or expenses of earlier vehicle registrations in {land} are recorded as unpaid for you{amount}. "
                            + "Until they are paid, no vehicle can be registered to you "
                            + "(section 6a(8) Road Traffic Act with the law of {land})."));

    private volatile boolean provided;

    @Activate
    public GebuehrenRueckstandCheck(Config config) {
        this.provided = config.landLawProvidesCheck();
    }

    @Modified
    void modified(Config config) {
        this.provided = config.landLawProvidesCheck();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + ArrearsConnector.KIND + "=gebuehren)")
    void bindConnector(ArrearsConnector connector, Map<String, Object> properties) {
        arrears.bind(connector, properties);
    }

    void unbindConnector(ArrearsConnector connector) {
        arrears.unbind(connector);
    }

    @Override
    public CheckId id() {
        return CheckId.GEBUEHREN_RUECKSTAND;
    }

    @Override
    public CheckResult check(CheckContext context) {
        if (!provided) {
            // § 6a(8) StVG: only "soweit landesrechtlich vorgesehen"
            return CheckResult.clear().with(FACT, "not provided by the law of " + context.land().name());
        }
        return arrears.check(context);
    }

    /** The fact left when the Land's law provides no check. */
    static final FactKey<String> FACT = FactKey.text("gebuehren.rueckstand");

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(FACT);
    }
}
