package org.openikfz.simulator.gebuehren.ni.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openikfz.simulator.support.AdminHttp;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The simulated Land Niedersachsen, which has no online service for fee arrears: it exports its debtor
 * list ({@link ExportFormat}) into a directory the portal imports from — at start when no list is waiting
 * there, then every {@code exportIntervalSeconds}. A file appears under its final name only when complete
 * (written as {@code .schuldner-*.csv.tmp}, forced to disk, then renamed), so the importer never sees half
 * a file.
 *
 * <pre>
 * GET  /admin/debtors   the debtors (JSON)
 * POST /admin/debtors   form: name, dateOfBirth (ISO; empty for an organisation), plz (needed without
 *                       dateOfBirth), amount, kassenzeichen (empty: a new one), glaeubiger (empty: the default);
 *                       adds, or replaces the entry with the same Kassenzeichen; 201, or 422 {"error"}
 * POST /admin/export    writes an export now: 201 {"file"}; ?broken=truncated|baddate|count writes a
 *                       deliberately broken one (cut off without trailer / a German date / a wrong count)
 * GET  /admin/exports   the names of the files written since start, oldest first
 * </pre>
 * The debtors are kept in {@code ${openikfz.home}/data/simulator/gebuehren-ni-debtors.tsv}; the seed is
 * the clearly fictitious "Norbert Nachzahlung". Nothing personal is logged.
 */
@Component(immediate = true, configurationPid = GebuehrenNiSimulator.PID, service = GebuehrenNiSimulator.class)
@Designate(ocd = GebuehrenNiSimulator.Config.class)
public final class GebuehrenNiSimulator {

    static final String PID = "org.openikfz.simulator.gebuehren.ni";
    static final String HOME_PLACEHOLDER = "${openikfz.home}";
    private static final int MAX_BODY = 64 * 1024;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS");
    private static final Logger LOG = System.getLogger(GebuehrenNiSimulator.class.getName());
    private static final String SIMULATOR = "Gebührenrückstand Niedersachsen";
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,2})?");

    @ObjectClassDefinition(id = PID, name = "Simulator: Gebührenrückstand Niedersachsen (Schuldnerliste)",
            description = "The Land Niedersachsen's debtor-list export as a simulator, for the embedded default and "
                    + "tests: writes schuldner-*.csv files into the connector's import directory.")
    public @interface Config {
        @AttributeDefinition(description = "where the export files are written (the connector's importDir); "
                + "${openikfz.home} is the installation directory, a relative path is resolved against it")
        String exportDir() default HOME_PLACEHOLDER + "/data/import/gebuehren-ni";

        @AttributeDefinition(description = "seconds between two exports (also: one at start when none is waiting)")
        long exportIntervalSeconds() default 86400;

        @AttributeDefinition(description = "address the admin API binds to")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "port of the admin API; 0 picks a free one")
        int port() default 8093;
    }

    private final DebtorRegister register;
    private final Path exportDir;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService httpExecutor = Executors.newFixedThreadPool(4,
            daemon("openikfz-simulator-gebuehren-ni-http"));
    private final ScheduledExecutorService exporter = Executors.newSingleThreadScheduledExecutor(
            daemon("openikfz-simulator-gebuehren-ni-export"));
    private final List<String> exports = new ArrayList<>(); // guarded by this
    private LocalDateTime lastFileTime; // guarded by this

    @Activate
    public GebuehrenNiSimulator(Config config, BundleContext context) throws IOException {
        this(config.host(), config.port(), resolve(config.exportDir(), AdminHttp.home(context)),
                AdminHttp.home(context).resolve("data").resolve("simulator"), config.exportIntervalSeconds(),
                Clock.system(BERLIN));
    }

    /**
     * A simulator writing its exports into {@code exportDir} and keeping its debtors in {@code dataDir}
     * (for tests and embedding). It listens and exports once constructed; {@link #stop()} ends it.
     */
    public GebuehrenNiSimulator(String host, int port, Path exportDir, Path dataDir, long exportIntervalSeconds)
            throws IOException {
        this(host, port, exportDir, dataDir, exportIntervalSeconds, Clock.system(BERLIN));
    }

    /** As above, with the clock that dates the exports (their Stand). */
    public GebuehrenNiSimulator(String host, int port, Path exportDir, Path dataDir, long exportIntervalSeconds,
            Clock clock) throws IOException {
        if (exportIntervalSeconds <= 0) {
            throw new IllegalArgumentException("exportIntervalSeconds must be positive");
        }
        this.clock = clock;
        this.exportDir = exportDir;
        Files.createDirectories(exportDir);
        Files.createDirectories(dataDir);
        this.register = new DebtorRegister(dataDir);
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/admin/", AdminHttp.guarded(LOG, SIMULATOR, this::admin));
        server.createContext("/", AdminHttp.guarded(LOG, SIMULATOR, x -> send(x, 404, AdminHttp.error("not_found"))));
        server.setExecutor(httpExecutor);
        server.start();
        if (!exportWaiting()) {
            export(null);
        }
        exporter.scheduleWithFixedDelay(this::scheduledExport, exportIntervalSeconds, exportIntervalSeconds,
                TimeUnit.SECONDS);
        LOG.log(Level.INFO, "Simulator Gebührenrückstand Niedersachsen (Schuldnerliste) exporting to " + exportDir
                + ", admin API on http://" + server.getAddress().getHostString() + ":" + port());
    }

    @Deactivate
    public void stop() {
        exporter.shutdownNow();
        server.stop(0);
        httpExecutor.shutdownNow();
        try {
            exporter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The port the admin API listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port} of the admin API. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    /** The directory the exports go to. */
    public Path exportDir() {
        return exportDir;
    }

    DebtorRegister register() {
        return register;
    }

    synchronized List<String> exports() {
        return List.copyOf(exports);
    }

    /**
     * Writes an export of all debtors now, dated today: under a temporary name first, forced to disk, then
     * renamed, so that it appears complete or not at all. Names sort in the order written.
     *
     * @param broken {@code null}, or the way to break it (tests of the importer)
     * @return the file written
     */
    synchronized Path export(ExportFormat.Broken broken) throws IOException {
        LocalDateTime now = LocalDateTime.now(clock);
        if (lastFileTime != null && !now.isAfter(lastFileTime)) {
            now = lastFileTime.plusNanos(1_000_000); // names stay unique and ordered within one millisecond
        }
        lastFileTime = now;
        String name = "schuldner-" + FILE_TIME.format(now) + ".csv";
        Path target = exportDir.resolve(name);
        Path tmp = exportDir.resolve("." + name + ".tmp");
        byte[] content = ExportFormat.write(register.all(), LocalDate.now(clock), broken)
                .getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (Files.exists(target)) {
            Files.deleteIfExists(tmp);
            throw new FileAlreadyExistsException(name);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        exports.add(name);
        return target;
    }

    private boolean exportWaiting() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(exportDir, "schuldner-*.csv")) {
            return files.iterator().hasNext();
        }
    }

    private void scheduledExport() {
        try {
            export(null);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "simulator " + SIMULATOR + ": export to " + exportDir + " failed: "
                    + e.getClass().getName());
        }
    }

    /** {@code ${openikfz.home}} replaced by the home; a relative path resolved against the home. */
    static Path resolve(String configured, Path home) {
        String value = configured.replace(HOME_PLACEHOLDER, home.toString());
        Path path = Path.of(value);
        return path.isAbsolute() ? path : home.resolve(path);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    // --- admin API ---

    private void admin(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (path.equals("/admin/debtors") && method.equals("GET")) {
            StringBuilder out = new StringBuilder("[");
            for (Debtor d : register.all()) {
                out.append(out.length() > 1 ? "," : "").append(json(d));
            }
            send(x, 200, out.append(']').toString());
        } else if (path.equals("/admin/debtors") && method.equals("POST")) {
            Map<String, String> f = AdminHttp.form(AdminHttp.body(x, MAX_BODY, "the body is larger than 64 KiB"));
            String kassenzeichen = f.getOrDefault("kassenzeichen", "");
            String glaeubiger = f.getOrDefault("glaeubiger", "");
            Debtor debtor = register.put(new Debtor(f.get("name"), AdminHttp.date(f, "dateOfBirth"), f.get("plz"),
                    AdminHttp.amount(f.get("amount"), AMOUNT, "amount is a number like 120.00"),
                    kassenzeichen.isBlank() ? register.newKassenzeichen(LocalDate.now(clock)) : kassenzeichen,
                    glaeubiger.isBlank() ? DebtorRegister.DEFAULT_GLAEUBIGER : glaeubiger));
            send(x, 201, json(debtor));
        } else if (path.equals("/admin/export") && method.equals("POST")) {
            String broken = AdminHttp.query(x).get("broken");
            Path file = export(broken == null || broken.isBlank() ? null : ExportFormat.Broken.of(broken));
            send(x, 201, "{\"file\":" + AdminHttp.quote(file.getFileName().toString()) + "}");
        } else if (path.equals("/admin/exports") && method.equals("GET")) {
            StringBuilder out = new StringBuilder("[");
            for (String name : exports()) {
                out.append(out.length() > 1 ? "," : "").append(AdminHttp.quote(name));
            }
            send(x, 200, out.append(']').toString());
        } else if (path.equals("/admin/debtors") || path.equals("/admin/export") || path.equals("/admin/exports")) {
            send(x, 405, AdminHttp.error("method_not_allowed"));
        } else {
            send(x, 404, AdminHttp.error("not_found"));
        }
    }

    private static String json(Debtor d) {
        return "{\"name\":" + AdminHttp.quote(d.name()) + ",\"dateOfBirth\":"
                + AdminHttp.quoteOrNull(d.dateOfBirth()) + ",\"plz\":"
                + AdminHttp.quoteOrNull(d.plz()) + ",\"amount\":" + AdminHttp.quote(d.amount().toPlainString())
                + ",\"kassenzeichen\":" + AdminHttp.quote(d.kassenzeichen()) + ",\"glaeubiger\":" + AdminHttp.quote(d.glaeubiger()) + "}";
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        AdminHttp.json(x, status, body);
    }
}
