package org.openikfz.simulator.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.KennzeichenConnector;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.ValueValidationException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Simulator of the authority's plate allocation (Kennzeichenvergabe in its Fachverfahren). A plate
 * can be had when its Unterscheidungszeichen is one of the authority's, no registered vehicle of the
 * {@link KbaSimulator} holds it, it is not marked taken and it is not reserved for another
 * application (E and H do not count: ERZ-AB 1E blocks ERZ-AB 1). One plate per application: asking again returns it; a new wish that can be had
 * replaces the application's earlier plate (a wish that cannot be had leaves it as it was). An application that ends
 * without a registration gives its plate back ({@link #release}, on the Fachverfahren's message).
 * Reservations live in {@code data/simulator/kennzeichen-reservations.tsv}, plates marked taken over
 * the admin API in {@code kennzeichen-taken.txt}.
 */
@Component(service = {KennzeichenConnector.class, KennzeichenSimulator.class}, configurationPid = KennzeichenSimulator.PID)
@Designate(ocd = KennzeichenSimulator.Config.class)
public final class KennzeichenSimulator implements KennzeichenConnector {

    static final String PID = "org.openikfz.simulator.kennzeichen";
    static final String DEFAULT_DISTRICTS = "ERZ=ERZ,ANA,ASZ,AU,MAB,MEK,STL,SZB,ZP";
    private static final Logger LOG = Logger.getLogger(KennzeichenSimulator.class.getName());

    @ObjectClassDefinition(id = PID, name = "Plate allocation simulator")
    public @interface Config {
        @AttributeDefinition(description = "Unterscheidungszeichen per authority: AUTHORITY=UZ,UZ,…; "
                + "several authorities as several values or separated by ';'")
        String[] unterscheidungszeichen() default {DEFAULT_DISTRICTS};
    }

    /** The letters of assigned plates, in the order they are used (e.g. ERZ-IK 101, …, ERZ-IL 101). */
    static final List<String> ASSIGN_LETTERS = letters();

    /**
     * A plate held for an application.
     *
     * @param assigned whether it was assigned ({@code assign}) rather than chosen ({@code reserve})
     */
    record Reservation(UUID application, String kennzeichen, String authority, boolean assigned, Instant at) {
        String toLine() {
            return String.join("\t", application.toString(), kennzeichen, authority, assigned ? "assigned" : "reserved",
                    at.toString());
        }

        static Reservation fromLine(String line) {
            String[] f = line.split("\t", -1);
            return new Reservation(UUID.fromString(f[0]), f[1], f[2], "assigned".equals(f[3]), Instant.parse(f[4]));
        }
    }

    private final Path reservationsFile;
    private final Path takenFile;
    private final KbaSimulator kba;
    private final Map<UUID, Reservation> reservations = new LinkedHashMap<>(); // guarded by this
    private final Set<String> taken = new LinkedHashSet<>(); // guarded by this
    private final Mode mode = new Mode("Kennzeichenvergabe");
    private volatile Map<String, List<String>> districts;

    @Activate
    public KennzeichenSimulator(BundleContext context, Config config, @Reference KbaSimulator kba) {
        this(SimulatorFiles.dir(context), config.unterscheidungszeichen(), kba);
    }

    KennzeichenSimulator(Path dir, String[] districts, KbaSimulator kba) {
        this.reservationsFile = dir.resolve("kennzeichen-reservations.tsv");
        this.takenFile = dir.resolve("kennzeichen-taken.txt");
        this.kba = kba;
        this.districts = districts(districts);
        load();
    }

    @Modified
    void configure(Config config) {
        this.districts = districts(config.unterscheidungszeichen());
    }

    @Override
    public Optional<Kennzeichen> reserve(String authority, Kennzeichen wish, UUID application)
            throws ConnectorUnavailableException {
        mode.await();
        String plate = wish.formatted();
        synchronized (this) {
            Reservation own = reservations.get(application);
            if (own != null && own.kennzeichen().equals(plate)) {
                return Optional.of(wish);
            }
            if (!unterscheidungszeichen(authority).contains(wish.unterscheidungszeichen()) || !free(plate, application)) {
                return Optional.empty();
            }
            put(new Reservation(application, plate, key(authority), false, now()));
            return Optional.of(wish);
        }
    }

    @Override
    public Kennzeichen assign(String authority, String suffix, UUID application) throws ConnectorUnavailableException {
        mode.await();
        Kennzeichen.Suffix wanted = suffix(suffix);
        List<String> uz = unterscheidungszeichen(authority);
        if (uz.isEmpty()) {
            throw new ConnectorUnavailableException("no Unterscheidungszeichen configured for this authority");
        }
        synchronized (this) {
            Reservation own = reservations.get(application);
            if (own != null && own.assigned()) {
                Kennzeichen plate = Kennzeichen.of(own.kennzeichen());
                if (plate.suffix() == wanted && uz.contains(plate.unterscheidungszeichen())) {
                    return plate;
                }
            }
            for (String letters : ASSIGN_LETTERS) {
                for (int number = firstNumber(wanted); ; number++) {
                    Optional<Kennzeichen> candidate = Kennzeichen.check(uz.get(0) + "-" + letters + " " + number
                            + wanted.letter()).toOptional();
                    if (candidate.isEmpty()) {
                        break; // too many positions: next letters
                    }
                    if (free(candidate.get().formatted(), application)) {
                        put(new Reservation(application, candidate.get().formatted(), key(authority), true, now()));
                        return candidate.get();
                    }
                }
            }
        }
        throw new ConnectorUnavailableException("no free plate left");
    }

    /**
     * Gives back what an application held (its reserved or assigned plate) when it ended without a registration, as
     * the Fachverfahren does on the engine's message (kind {@code kennzeichen-freigabe}); nothing when it held nothing,
     * or when the plate was held for it at another authority.
     *
     * @return whether a plate was given back
     */
    synchronized boolean release(UUID application, String authority) {
        Reservation own = reservations.get(application);
        if (own == null || !own.authority().equals(key(authority))) {
            return false;
        }
        reservations.remove(application);
        saveReservations();
        return true;
    }

    /** Marks a plate as taken (admin API, for tests). */
    synchronized String markTaken(Kennzeichen plate) {
        if (taken.add(plate.formatted())) {
            saveTaken();
        }
        return plate.formatted();
    }

    synchronized List<Reservation> reservations() {
        return new ArrayList<>(reservations.values());
    }

    synchronized List<String> taken() {
        return new ArrayList<>(taken);
    }

    Mode mode() {
        return mode;
    }

    /** The authority's Unterscheidungszeichen, empty when it has none configured. */
    List<String> unterscheidungszeichen(String authority) {
        return districts.getOrDefault(key(authority), List.of());
    }

    /**
     * Whether {@code plate} can be had for {@code application}: E and H do not make another plate
     * (ERZ-AB 1E is ERZ-AB 1 on an electric vehicle), so plates are compared without them.
     */
    private boolean free(String plate, UUID application) {
        String base = base(plate);
        return taken.stream().noneMatch(t -> base(t).equals(base))
                && reservations.values().stream().noneMatch(r -> !r.application().equals(application)
                        && base(r.kennzeichen()).equals(base))
                && !kba.held(plate);
    }

    /** A formatted plate without its E or H (the Erkennungsnummer ends in digits, so a final letter is the suffix). */
    static String base(String plate) {
        return plate.endsWith("E") || plate.endsWith("H") ? plate.substring(0, plate.length() - 1) : plate;
    }

    private void put(Reservation reservation) {
        reservations.put(reservation.application(), reservation); // replaces the application's earlier plate
        saveReservations();
    }

    private static int firstNumber(Kennzeichen.Suffix suffix) {
        return suffix == Kennzeichen.Suffix.NONE ? 101 : 10;
    }

    private static Kennzeichen.Suffix suffix(String suffix) {
        return switch (suffix == null ? "" : suffix.strip().toUpperCase(Locale.ROOT)) {
            case "" -> Kennzeichen.Suffix.NONE;
            case "E" -> Kennzeichen.Suffix.E;
            case "H" -> Kennzeichen.Suffix.H;
            default -> throw new IllegalArgumentException("suffix is empty, E or H");
        };
    }

    private static String key(String authority) {
        return authority == null ? "" : authority.strip().toUpperCase(Locale.ROOT);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Parses {@code ERZ=ERZ,ANA,…} entries (several per value separated by ';'); bad entries are logged and skipped. */
    static Map<String, List<String>> districts(String[] values) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String value : values == null ? new String[] {DEFAULT_DISTRICTS} : values) {
            for (String entry : value.split(";")) {
                int eq = entry.indexOf('=');
                if (entry.isBlank()) {
                    continue;
                }
                if (eq <= 0) {
                    LOG.warning("plate allocation simulator: entry without '=' ignored: " + entry.strip());
                    continue;
                }
                List<String> uz = new ArrayList<>();
                for (String u : entry.substring(eq + 1).split(",")) {
                    String s = u.strip().toUpperCase(Locale.GERMANY);
                    if (!s.isEmpty()) {
                        uz.add(s);
                    }
                }
                map.put(key(entry.substring(0, eq)), List.copyOf(uz));
            }
        }
        return Map.copyOf(map);
    }

    private static List<String> letters() {
        List<String> out = new ArrayList<>(List.of("IK"));
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                String pair = "" + a + b;
                if (a != 'I' || b != 'K') {
                    out.add(pair);
                }
            }
        }
        return List.copyOf(out);
    }

    private synchronized void load() {
        for (String line : SimulatorFiles.lines(reservationsFile)) {
            Reservation r = Reservation.fromLine(line);
            reservations.put(r.application(), r);
        }
        for (String line : SimulatorFiles.lines(takenFile)) {
            try {
                taken.add(Kennzeichen.of(line.strip()).formatted());
            } catch (ValueValidationException e) {
                LOG.warning("plate allocation simulator: line of " + takenFile.getFileName() + " ignored: " + e.key());
            }
        }
    }

    private void saveReservations() {
        StringBuilder out = new StringBuilder();
        reservations.values().forEach(r -> out.append(r.toLine()).append('\n'));
        SimulatorFiles.write(reservationsFile, out);
    }

    private void saveTaken() {
        StringBuilder out = new StringBuilder();
        taken.forEach(t -> out.append(t).append('\n'));
        SimulatorFiles.write(takenFile, out);
    }
}
