package org.openikfz.connector.gebuehren.ni.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.text.LocalizedText;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Fee arrears of the Land Niedersachsen, which has no online service: the Land delivers a debtor list
 * ({@code schuldner-*.csv}, see {@link DeliveryParser}) into {@code importDir}; this connector imports it
 * at activation and every {@code pollSeconds} and answers queries from the imported list.
 *
 * <p>Import: the newest waiting file (by name) is read and validated completely first; valid, it is
 * stored as keyed hashes ({@link KeyedHash}, {@link DebtorStore}) and then put in force by swapping one
 * immutable {@link DebtorList}; older waiting files are deleted unread. A broken file is deleted too (it
 * must not keep clear names at rest) after its line and reason are recorded as the last error (health
 * DEGRADED) and logged in one line without personal data; the list in force stays, and the next older
 * waiting file, if any, is tried. Every delivered file is deleted once handled.
 *
 * <p>Query: a natural person is looked up by name and date of birth, an organisation by name and plz.
 * Without a list, with a list older than {@code maxAgeDays} by its own Stand, or without the data to look
 * up (no date of birth, no plz) it throws {@link ConnectorUnavailableException} — the clerks decide; it
 * never answers clear then.
 */
@Component(configurationPid = GebuehrenNiConnector.PID,
        property = {ArrearsConnector.KIND + "=gebuehren", ArrearsConnector.LAND + "=NI"})
@Designate(ocd = GebuehrenNiConnector.Config.class)
public final class GebuehrenNiConnector implements ArrearsConnector {

    static final String PID = "org.openikfz.connector.gebuehren.ni";
    static final String NAME = "Gebührenrückstand Niedersachsen (Schuldnerliste)";
    static final String HOME_PLACEHOLDER = "${openikfz.home}";
    static final String THREAD = "openikfz-gebuehren-ni-import";
    private static final Pattern DELIVERY = Pattern.compile("schuldner-[^/\\\\]*\\.csv");
    private static final Pattern PLZ = Pattern.compile("[0-9]{5}");
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu");
    private static final Logger LOG = Logger.getLogger(GebuehrenNiConnector.class.getName());

    @ObjectClassDefinition(id = PID, name = "Connector: Gebührenrückstand Niedersachsen (Schuldnerliste)",
            description = "Imports the Land Niedersachsen's debtor list (schuldner-*.csv) and answers fee-arrears "
                    + "queries from it. The default import directory is the one the simulator exports to.")
    public @interface Config {
        @AttributeDefinition(description = "directory the Land delivers schuldner-*.csv into; ${openikfz.home} "
                + "is the installation directory, a relative path is resolved against it")
        String importDir() default HOME_PLACEHOLDER + "/data/import/gebuehren-ni";

        @AttributeDefinition(description = "seconds between two looks into the import directory (also at start)")
        int pollSeconds() default 60;

        @AttributeDefinition(description = "a list older than this many days (by its Stand) no longer answers: "
                + "queries then go to the clerks")
        int maxAgeDays() default 14;
    }

    /** A rejected delivery, as operators see it. */
    private record Rejection(Instant at, String message) {
    }

    private final Path importDir;
    private final DebtorStore store;
    private final KeyedHash hash;
    private final int maxAgeDays;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile DebtorList current;
    private volatile Rejection rejection;
    /** The connector's own problems of the last import run (a file not deletable, disk errors), or null. */
    private volatile String problem;
    /** The stored list was not usable at start; stands until a list is imported. */
    private volatile String storeProblem;
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile Thread importThread;

    @Activate
    public GebuehrenNiConnector(Config config, BundleContext context) throws IOException {
        this(resolve(config.importDir(), home(context)), home(context).resolve("data").resolve("gebuehren-ni"),
                config.pollSeconds(), config.maxAgeDays(), Clock.system(ZoneId.of("Europe/Berlin")), true);
    }

    /**
     * @param importDir  where the Land delivers
     * @param dataDir    where the key and the store are kept
     * @param schedule   whether to import at once and then every {@code pollSeconds} on its own thread
     *                   (tests call {@link #importNow()} instead)
     */
    GebuehrenNiConnector(Path importDir, Path dataDir, int pollSeconds, int maxAgeDays, Clock clock, boolean schedule)
            throws IOException {
        if (pollSeconds <= 0) {
            throw new IllegalArgumentException("pollSeconds must be positive");
        }
        if (maxAgeDays < 0) {
            throw new IllegalArgumentException("maxAgeDays must not be negative");
        }
        this.importDir = importDir;
        this.maxAgeDays = maxAgeDays;
        this.clock = clock;
        Files.createDirectories(importDir);
        this.hash = KeyedHash.loadOrCreate(dataDir);
        this.store = new DebtorStore(dataDir, hash.fingerprint());
        try {
            current = store.read();
        } catch (IOException e) {
            storeProblem = "the stored debtor list is not usable: " + e.getMessage();
            problem = storeProblem;
            lastFailure = clock.instant();
            LOG.warning(NAME + ": " + storeProblem);
        }
        if (schedule) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, THREAD);
                t.setDaemon(true);
                importThread = t;
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::importQuietly, 0, pollSeconds, TimeUnit.SECONDS);
        } else {
            scheduler = null;
        }
    }

    @Deactivate
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                Thread thread = importThread;
                if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warning(NAME + ": the import thread did not end within 10 s");
                } else if (thread != null) {
                    thread.join(1000); // the pool has terminated; let its worker leave run()
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // --- query ---

    @Override
    public ArrearsAnswer query(ArrearsQuery query) throws ConnectorUnavailableException {
        calls.incrementAndGet();
        DebtorList list = current; // one read: the whole query sees one list
        if (list == null) {
            throw unavailable("no debtor list of the Land Niedersachsen is in force (none imported from "
                    + importDir + ")");
        }
        if (list.tooOld(query.today(), maxAgeDays)) {
            throw unavailable("the debtor list in force (Stand " + list.stand() + ") is older than " + maxAgeDays
                    + " days");
        }
        Holder holder = query.holder();
        String qualifier;
        if (query.organisation()) {
            String plz = holder.postalCode() == null ? "" : holder.postalCode().strip();
            if (!PLZ.matcher(plz).matches()) {
                throw unavailable("an organisation without a German Postleitzahl cannot be looked up in the debtor list");
            }
            qualifier = plz;
        } else {
            if (holder.dateOfBirth() == null) {
                throw unavailable("a natural person without a date of birth cannot be looked up in the debtor list");
            }
            qualifier = holder.dateOfBirth().toString();
        }
        if (holder.name().isBlank()) {
            throw unavailable("a holder without a name cannot be looked up in the debtor list");
        }
        List<DebtorList.Entry> found = list.find(hash.hash(holder.name(), qualifier));
        lastSuccess = clock.instant();
        return found.isEmpty() ? ArrearsAnswer.clear() : found(found, list.stand());
    }

    private ConnectorUnavailableException unavailable(String message) {
        failures.incrementAndGet();
        lastFailure = clock.instant();
        return new ConnectorUnavailableException(NAME + ": " + message);
    }

    static ArrearsAnswer found(List<DebtorList.Entry> entries, LocalDate stand) {
        BigDecimal sum = entries.stream().map(DebtorList.Entry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String german = entries.stream().map(e -> euroGerman(e.amount()) + " an " + e.glaeubiger() + ", Kassenzeichen "
                + e.kassenzeichen()).collect(Collectors.joining("; "));
        String english = entries.stream().map(e -> "EUR " + e.amount().toPlainString() + " to " + e.glaeubiger()
                + ", Kassenzeichen (payment reference) " + e.kassenzeichen()).collect(Collectors.joining("; "));
        LocalizedText settlement = LocalizedText.of(
                "Nach der Schuldnerliste des Landes Niedersachsen (Stand " + GERMAN_DATE.format(stand) + ") sind "
                        + "Gebühren aus früheren Zulassungsvorgängen offen: " + german + ". Bitte überweisen Sie den "
                        + "Betrag an die genannte Kasse unter Angabe des Kassenzeichens; die Bankverbindung steht auf "
                        + "dem Gebührenbescheid. Nach Eingang der Zahlung können Sie den Antrag erneut stellen. Haben "
                        + "Sie bereits bezahlt, wenden Sie sich mit dem Zahlungsnachweis an die Zulassungsbehörde.",
                "According to the Land Niedersachsen's list of debtors (as of " + stand + "), fees of earlier "
                        + "registration procedures are unpaid: " + english + ". Please transfer the amount to that "
                        + "cash office quoting the Kassenzeichen; the bank details are on the fee notice. Once the "
                        + "payment has been received you can apply again. If you have already paid, please contact "
                        + "the registration authority with proof of payment.");
        String reference = entries.stream().map(DebtorList.Entry::kassenzeichen).distinct()
                .collect(Collectors.joining(", "));
        return ArrearsAnswer.found(settlement, sum, reference);
    }

    private static String euroGerman(BigDecimal amount) {
        return amount.setScale(2).toPlainString().replace('.', ',') + " €";
    }

    // --- health ---

    @Override
    public ConnectorHealth health() {
        DebtorList list = current;
        Rejection rejected = rejection;
        String ownProblem = problem;
        LocalDate today = LocalDate.now(clock);
        String name = list == null ? NAME
                : "Gebührenrückstand Niedersachsen (Schuldnerliste, Stand " + list.stand() + ", " + list.count()
                        + (list.count() == 1 ? " Eintrag)" : " Einträge)");
        ConnectorHealth.State state;
        List<String> errors = new ArrayList<>();
        if (list == null) {
            state = ConnectorHealth.State.DOWN;
            errors.add("no debtor list in force: waiting for schuldner-*.csv");
        } else if (list.tooOld(today, maxAgeDays)) {
            state = ConnectorHealth.State.DOWN;
            errors.add("the debtor list (Stand " + list.stand() + ") is older than " + maxAgeDays
                    + " days: queries go to the clerks");
        } else if (rejected != null || ownProblem != null) {
            state = ConnectorHealth.State.DEGRADED;
        } else {
            state = ConnectorHealth.State.UP;
        }
        if (rejected != null) {
            errors.add(rejected.message());
        }
        if (ownProblem != null) {
            errors.add(ownProblem);
        }
        return new ConnectorHealth(name, importDir.toString(), state, "-", lastSuccess, lastFailure,
                errors.isEmpty() ? null : String.join("; ", errors), calls.get(), failures.get());
    }

    // --- import ---

    private void importQuietly() {
        try {
            importNow();
        } catch (RuntimeException e) { // a scheduled task that throws is never run again
            problem = "import failed: " + e.getClass().getName();
            lastFailure = clock.instant();
            LOG.log(Level.SEVERE, NAME + ": import failed: " + e.getClass().getName());
        }
    }

    /**
     * Looks into the import directory once: imports the newest valid delivery, deletes every delivery
     * handled. Runs on the import thread; tests call it directly.
     *
     * @return the list in force afterwards, or {@code null}
     */
    synchronized DebtorList importNow() {
        List<String> problems = new ArrayList<>(); // this run's own problems (not the files' faults)
        List<Path> waiting;
        try {
            waiting = deliveries();
        } catch (IOException e) {
            waiting = List.of();
            problems.add("cannot list the import directory " + importDir + ": " + e.getClass().getSimpleName());
        }
        Rejection rejectedNow = null;
        DebtorList imported = null;
        for (int i = waiting.size() - 1; i >= 0; i--) {
            Path file = waiting.get(i);
            String name = file.getFileName().toString();
            if (imported == null) {
                Instant now = clock.instant();
                try {
                    DebtorList list = DeliveryParser.parse(file, LocalDate.now(clock), hash, now);
                    DebtorList inForce = current;
                    if (inForce != null && list.stand().isBefore(inForce.stand())) {
                        throw new RejectedFileException(0, "its Stand " + list.stand()
                                + " is older than that of the list in force (" + inForce.stand() + ")");
                    }
                    store.write(list);
                    current = list; // the swap: queries see the new list from now on, in one piece
                    imported = list;
                    lastSuccess = now;
                    LOG.info(NAME + ": imported " + name + " (Stand " + list.stand() + ", " + list.count()
                            + " entries)");
                } catch (RejectedFileException e) {
                    if (rejectedNow == null) { // the newest rejection is the one operators see
                        DebtorList inForce = current;
                        rejectedNow = new Rejection(now, "rejected " + name + ": " + e.getMessage() + "; "
                                + (inForce == null ? "no list is in force"
                                        : "the list of Stand " + inForce.stand() + " stays in force"));
                    }
                    lastFailure = now;
                    LOG.warning(NAME + ": rejected " + name + ": " + e.getMessage());
                } catch (IOException e) {
                    // not the file's fault (disk full, permissions, shutdown): keep it and the older ones
                    problems.add("cannot import " + name + ": " + e.getClass().getSimpleName());
                    break;
                }
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                problems.add("cannot delete " + name + " from the import directory (it holds clear names): "
                        + e.getClass().getSimpleName());
            }
        }
        if (rejectedNow != null) {
            rejection = rejectedNow;
        } else if (imported != null) {
            rejection = null; // a clean import: the earlier rejection is history
        }
        for (String p : problems) {
            LOG.warning(NAME + ": " + p);
        }
        if (!problems.isEmpty()) {
            lastFailure = clock.instant();
        }
        if (imported != null) {
            storeProblem = null;
        } else if (storeProblem != null) { // logged once at start; shown until a list is imported
            problems.add(0, storeProblem);
        }
        problem = problems.isEmpty() ? null : String.join("; ", problems);
        return current;
    }

    /** The delivered files, oldest (by name) first. */
    private List<Path> deliveries() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(importDir)) {
            for (Path p : dir) {
                if (DELIVERY.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    // --- configuration ---

    Path importDir() {
        return importDir;
    }

    Path storeFile() {
        return store.file();
    }

    private static Path home(BundleContext context) {
        String home = context.getProperty("openikfz.home");
        return Path.of(home == null ? "." : home);
    }

    /** {@code ${openikfz.home}} replaced by the home; a relative path resolved against the home. */
    static Path resolve(String configured, Path home) {
        Path path = Path.of(configured.replace(HOME_PLACEHOLDER, home.toString()));
        return path.isAbsolute() ? path : home.resolve(path);
    }
}
