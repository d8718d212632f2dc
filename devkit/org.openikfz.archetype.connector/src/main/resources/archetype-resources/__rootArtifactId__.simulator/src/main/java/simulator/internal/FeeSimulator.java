package ${package}.simulator.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The simulator as a product bundle: started with the distribution's other simulators' conventions
 * (records under {@code ${openikfz.home}/data/simulator/}, configuration PID {@code ${package}.simulator}).
 */
@Component(configurationPid = FeeSimulator.PID, service = {})
@Designate(ocd = FeeSimulator.Config.class)
public final class FeeSimulator {

    static final String PID = "${package}.simulator";

    @ObjectClassDefinition(id = PID, name = "Gebührenrückstand ${landName}: simulator",
            description = "Stands in for the fee-arrears system of ${landName}; not for production.")
    public @interface Config {
        @AttributeDefinition(description = "Address to bind")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "Port to listen on (the connector's default endpoint points here)")
        int port() default ${simulatorPort};

        @AttributeDefinition(description = "How long the slow mode waits before it answers (ms)")
        long slowDelayMs() default 8000;

        @AttributeDefinition(description = "API key the requests must carry in X-Api-Key; empty: none")
        String _apiKey() default "";
    }

    /** The platform's log (etc/org.ops4j.pax.logging.cfg): never System.out in a bundle. */
    private static final Logger LOG = System.getLogger(FeeSimulator.class.getName());

    private final SimulatedFeeSystem system;

    @Activate
    public FeeSimulator(BundleContext context, Config config) throws IOException {
        String home = context.getProperty("openikfz.home");
        Path dir = Path.of(home == null ? "." : home, "data", "simulator");
        system = new SimulatedFeeSystem(dir, config.host(), config.port(), config.slowDelayMs(), config._apiKey());
        LOG.log(Level.INFO, "Gebührenrückstand-Simulator ${landName}: http://" + config.host() + ":" + system.port()
                + "/gebuehren/admin/debtors");
    }

    @Deactivate
    void deactivate() {
        system.close();
    }
}
