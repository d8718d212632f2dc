package org.openikfz.simulator.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.IdentificationRefusedException;
import org.openikfz.api.connector.IdentityProvider;
import org.openikfz.api.connector.VerifiedIdentity;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * BundID/eID simulator: a login page (served by {@link SimulatorHttp}) where a demo person or
 * organisation is chosen; the portal gets a one-time code that it redeems for the verified name,
 * address and date of birth — level "high" for a natural person (as FZV § 20 asks of the real eID),
 * level "substantial" for an Organisationskonto (ELSTER, FZV § 20(3)), which has no date of birth.
 * Persons added over the admin API are kept in {@code data/simulator/identity-persons.tsv}.
 */
@Component(service = {IdentityProvider.class, IdentitySimulator.class}, configurationPid = SimulatorHttp.PID)
public final class IdentitySimulator implements IdentityProvider {

    /** Someone one can log in as: a natural person or an organisation (Organisationskonto). */
    record Person(Holder holder, boolean organisation) {
        Person {
            if (holder.name().isBlank()) {
                throw new IllegalArgumentException("name is needed");
            }
            if (organisation && holder.dateOfBirth() != null) {
                throw new IllegalArgumentException("an organisation has no date of birth");
            }
        }

        String toLine() {
            return String.join("\t", SimulatorFiles.field(holder.name()), SimulatorFiles.field(holder.street()),
                    SimulatorFiles.field(holder.postalCode()), SimulatorFiles.field(holder.city()),
                    SimulatorFiles.field(holder.dateOfBirth()), Boolean.toString(organisation));
        }

        static Person fromLine(String line) {
            String[] f = line.split("\t", -1);
            String born = SimulatorFiles.field(f, 4);
            return new Person(new Holder(f[0], f[1], f[2], f[3], born.isBlank() ? null : LocalDate.parse(born)),
                    Boolean.parseBoolean(SimulatorFiles.field(f, 5)));
        }
    }

    /** The demo persons, by index; 0 and 1 as they always were (tests use them). Test data. */
    static final List<Person> DEMO = List.of(
            new Person(new Holder("Erika Mustermann", "Hauptstraße 1", "09456", "Annaberg-Buchholz", LocalDate.of(1964, 8, 12)), false),
            new Person(new Holder("Max Mustermann", "Markt 5", "09366", "Stollberg", LocalDate.of(1971, 3, 2)), false),
            // lives outside the Erzgebirgskreis
            new Person(new Holder("Lena Beispiel", "Straße der Nationen 12", "09111", "Chemnitz", LocalDate.of(1990, 5, 20)), false),
            new Person(new Holder("Muster GmbH", "Industriestraße 9", "08280", "Aue-Bad Schlema", null), true),
            // has vehicle-tax arrears at the Zoll simulator
            new Person(new Holder("Rudi Rückstand", "Hohensteiner Straße 3", "09366", "Stollberg", LocalDate.of(1980, 1, 1)), false),
            // owes registration fees in Sachsen: the Land's simulator (org.openikfz.simulator.gebuehren.sn) knows him
            new Person(new Holder("Gustav Gebührenschuld", "Bahnhofstraße 8", "09456", "Annaberg-Buchholz", LocalDate.of(1975, 5, 5)), false));

    private final Path file;
    private final List<Person> persons = new ArrayList<>(DEMO); // guarded by this
    private final Map<String, Issued> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile String baseUrl;

    @Activate
    public IdentitySimulator(BundleContext context, SimulatorHttp.Config config) {
        this(SimulatorFiles.dir(context), SimulatorHttp.baseUrl(config));
    }

    IdentitySimulator(Path dir, String baseUrl) {
        this.file = dir.resolve("identity-persons.tsv");
        this.baseUrl = baseUrl;
        for (String line : SimulatorFiles.lines(file)) {
            persons.add(Person.fromLine(line));
        }
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
    @Deprecated
    public VerifiedIdentity redeem(String code) throws ConnectorUnavailableException {
        throw new ConnectorUnavailableException("identity codes are redeemed with the login's state only");
    }

    /** The code of a login is redeemed once, and only with the state that login was started with. */
    @Override
    public VerifiedIdentity redeem(String code, String state) throws ConnectorUnavailableException {
        Issued issued = code == null ? null : codes.remove(code); // one-time, also when the state does not match
        if (issued == null || state == null || !java.security.MessageDigest.isEqual(
                issued.state().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            throw new IdentificationRefusedException("identity code unknown, already used, or from another login");
        }
        Person person = issued.person();
        // as a long: Math.abs(Integer.MIN_VALUE) would stay negative
        String subject = "sim-" + Math.abs((long) person.holder().name().hashCode());
        return person.organisation() ? new VerifiedIdentity(subject, person.holder(), "substantial", true)
                : new VerifiedIdentity(subject, person.holder(), "high");
    }

    /** Logs a person in for the login started with {@code state}: a one-time code for the portal. */
    Optional<String> login(int person, String state) {
        Person chosen;
        synchronized (this) {
            if (person < 0 || person >= persons.size()) {
                return Optional.empty();
            }
            chosen = persons.get(person);
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        codes.put(code, new Issued(chosen, state == null ? "" : state));
        return Optional.of(code);
    }

    private record Issued(Person person, String state) {
    }

    /** Everyone one can log in as, by index. */
    synchronized List<Person> persons() {
        return List.copyOf(persons);
    }

    /** Adds a person (admin API); returns the index to log in with. */
    synchronized int add(Person person) {
        persons.add(person);
        SimulatorFiles.append(file, person.toLine());
        return persons.size() - 1;
    }
}
