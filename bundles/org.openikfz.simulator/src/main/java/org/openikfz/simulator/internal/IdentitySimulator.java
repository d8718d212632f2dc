package org.openikfz.simulator.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.IdentityProvider;
import org.openikfz.api.connector.VerifiedIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * BundID/eID simulator: a login page (served by {@link SimulatorHttp}) where a demo person is chosen;
 * the portal gets a one-time code that it redeems for the person's verified name, address and date
 * of birth (level "high", as FZV § 20 asks of the real eID).
 */
@Component(service = {IdentityProvider.class, IdentitySimulator.class}, configurationPid = SimulatorHttp.PID)
public final class IdentitySimulator implements IdentityProvider {

    /** The people one can log in as. Test data. */
    static final List<Holder> PERSONS = List.of(
            new Holder("Erika Mustermann", "Hauptstraße 1", "09456", "Annaberg-Buchholz", LocalDate.of(1964, 8, 12)),
            new Holder("Max Mustermann", "Markt 5", "09366", "Stollberg", LocalDate.of(1971, 3, 2)));

    private final Map<String, Holder> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile String baseUrl;

    @Activate
    public IdentitySimulator(SimulatorHttp.Config config) {
        configure(config);
    }

    @Modified
    void configure(SimulatorHttp.Config config) {
        this.baseUrl = SimulatorHttp.baseUrl(config);
    }

    @Override
    public URI loginPage(String state, URI returnTo) {
        return URI.create(baseUrl + "/identity/login?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)
                + "&return=" + URLEncoder.encode(returnTo.toString(), StandardCharsets.UTF_8));
    }

    @Override
    public VerifiedIdentity redeem(String code) throws ConnectorUnavailableException {
        Holder person = code == null ? null : codes.remove(code); // one-time
        if (person == null) {
            throw new ConnectorUnavailableException("identity code unknown or already used");
        }
        return new VerifiedIdentity("sim-" + Math.abs(person.name().hashCode()), person, "high");
    }

    /** Logs a demo person in: a one-time code for the portal. */
    Optional<String> login(int person) {
        if (person < 0 || person >= PERSONS.size()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        codes.put(code, PERSONS.get(person));
        return Optional.of(code);
    }
}
