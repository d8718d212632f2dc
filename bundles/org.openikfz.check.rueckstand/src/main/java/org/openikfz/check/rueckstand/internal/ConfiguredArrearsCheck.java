package org.openikfz.check.rueckstand.internal;

import java.util.Map;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsKind;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An arrears check of a further kind, made by configuration (one factory configuration per kind, e.g.
 * {@code etc/org.openikfz.check.rueckstand~infrastrukturabgabe.cfg}): its check id is
 * {@code anlage11.<kind>-rueckstand}, which a future stage's procedure names; connectors of that kind
 * answer it. No code is needed for a kind that works like the two of today.
 */
@Component(configurationPid = ConfiguredArrearsCheck.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredArrearsCheck.Config.class, factory = true)
public final class ConfiguredArrearsCheck implements Check {

    static final String PID = "org.openikfz.check.rueckstand";

    @ObjectClassDefinition(id = PID, name = "Arrears check of a further kind")
    public @interface Config {
        @AttributeDefinition(description = "The kind of arrears (lower case, digits, hyphens), e.g. infrastrukturabgabe")
        String kind();

        @AttributeDefinition(description = "Whether the connector must be the authority's Land's (true) or any (false)")
        boolean perLand() default false;

        @AttributeDefinition(description = "German text shown when arrears are found; {land} and {amount} are filled in")
        String lead_de();

        @AttributeDefinition(description = "English text shown when arrears are found")
        String lead_en();
    }

    private final ArrearsCheck arrears;

    @Activate
    public ConfiguredArrearsCheck(Config config) {
        this.arrears = new ArrearsCheck(new ArrearsKind(config.kind()), config.perLand(), config.kind() + " arrears",
                new ArrearsCheck.Lead(config.lead_de(), config.lead_en()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConnector(ArrearsConnector connector, Map<String, Object> properties) {
        arrears.bind(connector, properties);
    }

    void unbindConnector(ArrearsConnector connector) {
        arrears.unbind(connector);
    }

    @Override
    public CheckId id() {
        return arrears.kind().checkId();
    }

    @Override
    public CheckResult check(CheckContext context) {
        return arrears.check(context);
    }
}
