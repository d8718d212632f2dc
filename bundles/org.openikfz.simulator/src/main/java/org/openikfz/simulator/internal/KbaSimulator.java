package org.openikfz.simulator.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openikfz.api.check.Facts;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.HuPruefzifferConnector;
import org.openikfz.api.connector.KbaReferenzConnector;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.connector.VehicleRecord;
import org.openikfz.api.connector.SealPosition;
import org.openikfz.api.connector.ZfzrConnector;
import org.openikfz.api.connector.ZfzrQuery;
import org.openikfz.api.connector.ZfzrVerification;
import org.openikfz.api.connector.ZfzrVerification.Part;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.Zb2Code;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * KBA simulator: the central vehicle register (ZFZR), the KBA's transfer receiver, the reference
 * data for first registrations (ZB II and CoC data) and the HU Prüfziffer service. Vehicles live in
 * {@code data/simulator/kba-vehicles.tsv}, the reference data in {@code kba-coc.tsv}; demo data are
 * written at first start. The mode (normal, slow, unavailable) applies to all these services; it is
 * set in {@code etc/org.openikfz.simulator.kba.cfg} or over the admin API.
 *
 * <p>A transfer is applied to the register as the KBA would, by procedure: an Außerbetriebsetzung
 * takes the vehicle off the road, a Wiederzulassung registers it again, an Umschreibung records the
 * new holder (and plate and authority), an Erstzulassung enters the new vehicle. A registration's
 * eVB is reported to the {@link GdvSimulator} as used.
 */
@Component(service = {ZfzrConnector.class, TransferTarget.class, KbaReferenzConnector.class,
        HuPruefzifferConnector.class, KbaSimulator.class}, configurationPid = KbaSimulator.PID)
@Designate(ocd = KbaSimulator.Config.class)
public final class KbaSimulator implements ZfzrConnector, TransferTarget, KbaReferenzConnector, HuPruefzifferConnector {

    static final String PID = "org.openikfz.simulator.kba";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Logger LOG = Logger.getLogger(KbaSimulator.class.getName());

    @ObjectClassDefinition(id = PID, name = "KBA simulator")
    public @interface Config {
        @AttributeDefinition(description = "normal, slow or unavailable")
        String mode() default "normal";

        @AttributeDefinition(description = "answer delay in slow mode (ms)")
        long slow_delay() default Mode.DEFAULT_SLOW_DELAY;
    }

    private static Holder erika() {
        return new Holder("Erika Mustermann", "Hauptstraße 1", "09456", "Annaberg-Buchholz", LocalDate.of(1964, 8, 12));
    }

    /** The demo vehicles a new installation starts with; printed at start so people can try the portal. */
    static final List<Vehicle> DEMO = List.of(
            new Vehicle("ERZ-AB 123", "WVWZZZ1JZXW000001", "Ab3De4F", "Pq4Ws8Xe2Rt6", List.of("K7m", "P2x"), true,
                    erika(), null, false, YearMonth.of(2027, 6), "ERZ", YearMonth.of(2019, 6)),
            new Vehicle("ERZ-XY 42", "WDB1240221A000002", "Hx7Rt2Q", "Lm3Nb7Vc1Zx5", List.of("M4n", "Z9a"), true,
                    new Holder("Max Mustermann", "Markt 5", "09366", "Stollberg", LocalDate.of(1971, 3, 2)),
                    null, false, YearMonth.of(2027, 10), "ERZ", YearMonth.of(2020, 10)),
            new Vehicle("ERZ-E 7E", "VF1AG000000000003", "Ew5Kp8S", "Gh2Jk6Df9Sa3", List.of("T3b", "W6c"), true,
                    new Holder("Muster GmbH", "Industriestraße 9", "08280", "Aue-Bad Schlema", null),
                    null, false, YearMonth.of(2028, 3), "ERZ", YearMonth.of(2025, 3)),
            // off the road since 2024-03-15, no Verwertungsnachweis: for a Wiederzulassung
            new Vehicle("ERZ-WZ 55", "WVWZZZ1KZ6W000006", "Wz5Rk9T", "Wd8Zq3Hy6Ub2", List.of(), false,
                    erika(), LocalDate.of(2024, 3, 15), false, YearMonth.of(2027, 5), "ERZ", YearMonth.of(2013, 5)),
            // registered in Chemnitz, the holder has since moved to the Erzgebirgskreis: for an Umschreibung
            new Vehicle("C-UM 77", "WBA8E11060K000007", "Cu7Mw3K", "Cm4Tv9Bn2Xp7", List.of("R5t", "V8w"), true,
                    new Holder("Max Mustermann", "Brückenstraße 10", "09111", "Chemnitz", LocalDate.of(1971, 3, 2)),
                    null, false, YearMonth.of(2027, 8), "C", YearMonth.of(2018, 8)),
            // held by Erika under her former name (same birth date and address): for a Namensaenderung, logged in as Erika
            new Vehicle("ERZ-NA 64", "WVWZZZ1KZ8W000009", "Na6Gb4L", "Ng3Hm8Ks5Pt1", List.of("H2k", "J5r"), true,
                    new Holder("Erika Gabler", "Hauptstraße 1", "09456", "Annaberg-Buchholz", LocalDate.of(1964, 8, 12)),
                    null, false, YearMonth.of(2028, 4), "ERZ", YearMonth.of(2022, 4)));

    /** The demo reference data: a new car with its ZB II, ready for its first registration. */
    static final List<CocRecord> DEMO_COC = List.of(
            new CocRecord("WVWZZZE1ZSP000008", "Ez6Nf1Kp4Qr8", "Volkswagen ID.3", true, ""));

    /** The HU report printed at first start for the Prüfziffer way of proving the HU (demo vehicle ERZ-WZ 55). */
    static final LocalDate DEMO_HU_LAST = LocalDate.of(2026, 11, 20);
    static final YearMonth DEMO_HU_NEXT = YearMonth.of(2028, 11);
    static final String DEMO_HU_ORGANISATION = "TUEV";

    private final Path file;
    private final Path cocFile;
    private final Path transfers;
    private final GdvSimulator gdv;
    private final Map<String, Vehicle> vehicles = new LinkedHashMap<>(); // by FIN; guarded by this
    // the FINs that carry or carried a plate, by the plate without E or H: a query by plate does not read the whole register
    // (with 20,000 vehicles the scan was the larger part of a check and of a KBA transfer); guarded by this
    private final Map<String, java.util.Set<String>> finsByPlate = new java.util.HashMap<>();
    private final Map<String, CocRecord> coc = new LinkedHashMap<>(); // by FIN; guarded by this
    private final Set<Long> received = new HashSet<>(); // guarded by this
    private final Mode mode = new Mode("KBA");
    private final Deliveries deliveries;
    private final java.util.Optional<TransferForwarding> forwarding;

    @Activate
    public KbaSimulator(BundleContext context, Config config,
            @org.osgi.service.component.annotations.Reference GdvSimulator gdv) {
        this(SimulatorFiles.dir(context), gdv, TransferForwarding.of(context));
        configure(config);
    }

    /** For tests: records under {@code dir}, mode normal. */
    KbaSimulator(Path dir, GdvSimulator gdv) {
        this(dir, gdv, java.util.Optional.empty());
    }

    KbaSimulator(Path dir, GdvSimulator gdv, java.util.Optional<TransferForwarding> forwarding) {
        this.deliveries = new Deliveries(dir, "kba");
        this.forwarding = forwarding;
        this.file = dir.resolve("kba-vehicles.tsv");
        this.cocFile = dir.resolve("kba-coc.tsv");
        this.transfers = dir.resolve("kba-transfers.jsonl");
        this.gdv = gdv;
        load();
    }

    @Modified
    void configure(Config config) {
        try {
            mode.set(config.mode());
        } catch (IllegalArgumentException e) {
            LOG.warning("KBA simulator: mode '" + config.mode() + "' unknown, using normal");
            mode.set("normal");
        }
        mode.slowDelay(config.slow_delay());
    }

    // --- ZFZR ---

    @Override
    public ZfzrVerification verify(ZfzrQuery query) throws ConnectorUnavailableException {
        mode.await();
        Vehicle vehicle;
        synchronized (this) {
            vehicle = byPlate(query.kennzeichen().formatted()).orElse(null);
        }
        if (vehicle == null) {
            return new ZfzrVerification(null, Set.of());
        }
        Set<Part> mismatches = EnumSet.noneOf(Part.class);
        if (!vehicle.registered()) {
            mismatches.add(Part.NOT_REGISTERED); // reported as before; the check decides what it means
        }
        if (query.fin() != null && !query.fin().value().equals(vehicle.fin())) {
            mismatches.add(Part.FIN);
        }
        if (query.zb1() != null && !query.zb1().value().equals(vehicle.zb1())) {
            mismatches.add(Part.ZB1_CODE);
        }
        if (query.zb2() != null && !query.zb2().value().equals(vehicle.zb2())) {
            mismatches.add(Part.ZB2_CODE);
        }
        // FZV § 21(3): each code is compared with the seal at its own position (the vehicle's codes are kept
        // front, rear, shared part of a Wechselkennzeichen), never as a set: the front code twice is no rear code
        for (Map.Entry<SealPosition, PlakettenCode> seal : query.seals().entrySet()) {
            int at = switch (seal.getKey()) {
                case FRONT -> 0;
                case REAR -> 1;
                case SHARED_PART -> 2;
            };
            if (at >= vehicle.plaketten().size() || !vehicle.plaketten().get(at).equals(seal.getValue().value())) {
                mismatches.add(Part.PLAKETTEN_CODE);
            }
        }
        return new ZfzrVerification(record(vehicle), mismatches);
    }

    /** The vehicle as the register answers: the full record incl. the holder's date of birth. */
    static VehicleRecord record(Vehicle v) {
        Kennzeichen plate = v.kennzeichen().isEmpty() ? null : Kennzeichen.of(v.kennzeichen());
        return new VehicleRecord(plate, Fin.of(v.fin()), v.registered(), v.holder(), v.deregisteredOn(),
                v.verwertungsnachweis(), v.nextHu(), v.authority());
    }

    /** The vehicle registered with {@code plate}, else the one that last had it (most recently off the road). */
    private Optional<Vehicle> byPlate(String plate) {
        return withBase(KennzeichenSimulator.base(plate)).filter(v -> v.kennzeichen().equals(plate))
                .max(Comparator.comparing(Vehicle::registered)
                        .thenComparing(Vehicle::deregisteredOn, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /**
     * Whether a registered vehicle holds {@code plate} (formatted, e.g. {@code "ERZ-AB 123"}), with or
     * without E or H.
     */
    synchronized boolean held(String plate) {
        return withBase(KennzeichenSimulator.base(plate)).anyMatch(Vehicle::registered);
    }

    /** The vehicles whose plate, without E or H, is {@code base} (from the index). */
    private java.util.stream.Stream<Vehicle> withBase(String base) {
        return finsByPlate.getOrDefault(base, java.util.Set.of()).stream().map(vehicles::get).filter(java.util.Objects::nonNull);
    }

    /** Puts a vehicle into the register and the plate index (replacing the one with its FIN). */
    private void register(Vehicle vehicle) {
        Vehicle previous = vehicles.put(vehicle.fin(), vehicle);
        if (previous != null && !previous.kennzeichen().equals(vehicle.kennzeichen())) {
            unindex(previous);
        }
        if (!vehicle.kennzeichen().isEmpty()) {
            finsByPlate.computeIfAbsent(KennzeichenSimulator.base(vehicle.kennzeichen()), k -> new java.util.LinkedHashSet<>()).add(vehicle.fin());
        }
    }

    private void unindex(Vehicle vehicle) {
        java.util.Set<String> fins = finsByPlate.get(KennzeichenSimulator.base(vehicle.kennzeichen()));
        if (fins != null) {
            fins.remove(vehicle.fin());
            if (fins.isEmpty()) {
                finsByPlate.remove(KennzeichenSimulator.base(vehicle.kennzeichen()));
            }
        }
    }

    // --- KBA reference and CoC data ---

    @Override
    public Reference verify(Fin fin, Zb2Code zb2) throws ConnectorUnavailableException {
        mode.await();
        synchronized (this) {
            return reference(fin, zb2);
        }
    }

    private Reference reference(Fin fin, Zb2Code zb2) {
        if (vehicles.containsKey(fin.value())) {
            return new Reference(KbaReferenzConnector.Status.ALREADY_REGISTERED, null, null);
        }
        CocRecord r = coc.get(fin.value());
        if (r == null) {
            return new Reference(KbaReferenzConnector.Status.UNKNOWN_FIN, null, null);
        }
        if (zb2 == null || !r.zb2().equals(zb2.value())) {
            return new Reference(KbaReferenzConnector.Status.ZB2_MISMATCH, null, null);
        }
        return new Reference(r.registrable() ? KbaReferenzConnector.Status.REGISTRABLE
                : KbaReferenzConnector.Status.NOT_REGISTRABLE, blankToNull(r.vehicle()), blankToNull(r.obstacle()));
    }

    /** Adds or replaces a reference record (admin API); FIN and ZB II code must be valid. */
    synchronized CocRecord putCoc(CocRecord record) {
        CocRecord normalized = new CocRecord(Fin.of(record.fin()).value(), Zb2Code.of(record.zb2()).value(),
                record.vehicle().strip(), record.registrable(), record.obstacle().strip());
        coc.put(normalized.fin(), normalized);
        saveCoc();
        return normalized;
    }

    synchronized List<CocRecord> cocRecords() {
        return new ArrayList<>(coc.values());
    }

    // --- HU Prüfziffer ---

    /** The simulator's own Prüfziffer, see {@link HuPruefziffer}. */
    @Override
    public String pruefziffer(Fin fin, LocalDate lastHu, YearMonth nextHu, String organisation)
            throws ConnectorUnavailableException {
        mode.await();
        return HuPruefziffer.of(fin, lastHu, nextHu, organisation);
    }

    // --- transfers ---

    @Override
    public String destination() {
        return KBA;
    }

    /** Receives a transfer; a message id seen before is acknowledged and not applied again. */
    @Override
    public void deliver(TransferMessage message) throws ConnectorUnavailableException {
        if (forwarding.isPresent()) {
            forwarding.get().deliver("kba", message); // several nodes, one set of simulated systems: its mode applies there
            return;
        }
        mode.await();
        // the lines are queued under the lock, in the order the register changed, and forced after it: the other senders'
        // lines join the same force (a receiver that took one message at a time, forcing three files for each, held the
        // whole transfer backlog to the disk's pace). A query may see the register's change a force before it is on the
        // disk; the sender's acknowledgement waits for it.
        List<Journal.Entry> lines = new ArrayList<>(3);
        boolean applied = false;
        synchronized (this) {
            lines.add(deliveries.record(message));
            if (!received.contains(message.id())) {
                apply(message, lines);
                lines.add(SimulatorFiles.journal(transfers).enqueue(SimulatorFiles.received(message)));
                received.add(message.id());
                applied = true;
            }
        }
        try {
            Journal.awaitAll(lines);
        } catch (RuntimeException e) {
            if (applied) {
                synchronized (this) {
                    received.remove(message.id()); // not acknowledged: taken again when it is sent again
                }
            }
            throw e;
        }
    }

    /**
     * Applies the transfer to the register. A payload the register cannot apply (unknown vehicle,
     * malformed) is still acknowledged: the KBA would reply with an error to the authority, not refuse
     * the message; a log line says why (without personal data).
     */
    private void apply(TransferMessage message, List<Journal.Entry> lines) {
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(message.payload());
        } catch (IllegalArgumentException e) {
            LOG.warning("KBA simulator: transfer " + message.id() + " not applied: " + e.getMessage());
            return;
        }
        String procedure = message.procedure();
        // the register records the day the decision took effect (FZV § 23(2); a mailed Außerbetriebsetzung: the day it was
        // sent), not the day the message arrived
        LocalDate day = Json.text(doc, "decision", "effectiveOn").flatMap(KbaSimulator::date).orElseGet(() -> transferDay(doc));
        Optional<String> newPlate = Json.text(doc, "facts", Facts.KENNZEICHEN_ZUGETEILT.name()).flatMap(KbaSimulator::plate);
        Optional<Holder> applicant = Json.object(doc, "applicant").flatMap(KbaSimulator::holder);
        Optional<String> authority = Json.text(doc, "authority");
        Optional<YearMonth> provenHu = Json.text(doc, "facts", Facts.HU_NEXT.name()).flatMap(KbaSimulator::month);
        switch (procedure) {
            case "ausserbetriebsetzung" -> {
                Optional<Vehicle> vehicle = Json.text(doc, "answers", "kennzeichen").flatMap(KbaSimulator::plate)
                        .flatMap(this::byPlate).or(() -> find(doc)).filter(Vehicle::registered);
                if (vehicle.isEmpty()) {
                    notApplied(message, "no registered vehicle with that plate");
                    return;
                }
                Vehicle v = vehicle.get().deregistered(day);
                if (Json.text(doc, "answers", "verwertet").filter("true"::equals).isPresent()) {
                    v = v.withVerwertungsnachweis(true);
                }
                lines.add(store(v));
            }
            // a Namensaenderung keeps plate and authority and records the holder as identified (the new name)
            case "wiederzulassung", "umschreibung", "namensaenderung" -> {
                Optional<Vehicle> vehicle = find(doc);
                if (vehicle.isEmpty()) {
                    notApplied(message, "vehicle not in the register");
                    return;
                }
                Vehicle v = vehicle.get();
                lines.add(store(v.registeredAs(newPlate.orElse(v.kennzeichen()), authority.orElse(v.authority()))
                        .withHolder(applicant.orElse(v.holder())).withNextHu(provenHu.orElse(v.nextHu()))));
            }
            case "erstzulassung" -> {
                Optional<String> fin = Json.text(doc, "answers", "fin").flatMap(KbaSimulator::fin);
                if (fin.isEmpty() || applicant.isEmpty()) {
                    notApplied(message, "no FIN or no applicant in the payload");
                    return;
                }
                YearMonth first = YearMonth.from(day);
                CocRecord ref = coc.get(fin.get());
                lines.add(store(new Vehicle(newPlate.orElse(""), fin.get(), "", ref == null ? "" : ref.zb2(), List.of(), true,
                        applicant.get(), null, false, provenHu.orElse(first.plusMonths(36)),
                        authority.orElse(Vehicle.DEFAULT_AUTHORITY), first)));
            }
            default -> {
                return; // other procedures do not change the register
            }
        }
        if (!procedure.equals("ausserbetriebsetzung")) {
            Json.text(doc, "answers", "evb").ifPresent(gdv::markUsed);
        }
    }

    /** The vehicle a transfer is about: by FIN (facts, answers), else by plate (facts, answers). */
    private Optional<Vehicle> find(Map<String, Object> doc) {
        return Json.text(doc, "facts", Facts.ZFZR_FIN.name()).or(() -> Json.text(doc, "answers", "fin"))
                .flatMap(KbaSimulator::fin).map(vehicles::get)
                .or(() -> Json.text(doc, "facts", Facts.ZFZR_KENNZEICHEN.name()).or(() -> Json.text(doc, "answers", "kennzeichen"))
                        .flatMap(KbaSimulator::plate).flatMap(this::byPlate));
    }

    /** Registers the vehicle and queues its line (a journal: the last line of a FIN wins when loading), to be awaited. */
    private Journal.Entry store(Vehicle vehicle) {
        register(vehicle);
        return SimulatorFiles.journal(file).enqueue(vehicle.toLine());
    }

    private static void notApplied(TransferMessage message, String why) {
        LOG.log(Level.WARNING, "KBA simulator: transfer " + message.id() + " (" + message.procedure()
                + ") not applied to the register: " + why);
    }

    /** The day of the transfer ({@code transferredAt}, Europe/Berlin), else today. */
    private static LocalDate transferDay(Map<String, Object> doc) {
        return Json.text(doc, "transferredAt").flatMap(s -> {
            try {
                return Optional.of(LocalDate.ofInstant(Instant.parse(s), ZONE));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }).orElseGet(() -> LocalDate.now(ZONE));
    }

    /** The payload's {@code applicant}: name, street, postalCode, city, dateOfBirth (none for an organisation). */
    static Optional<Holder> holder(Map<String, Object> applicant) {
        Optional<String> name = Json.text(applicant, "name");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        boolean organisation = Json.text(applicant, "organisation").filter("true"::equals).isPresent();
        LocalDate born = organisation ? null : Json.text(applicant, "dateOfBirth").flatMap(KbaSimulator::date).orElse(null);
        return Optional.of(new Holder(name.get(), Json.text(applicant, "street").orElse(""),
                Json.text(applicant, "postalCode").orElse(""), Json.text(applicant, "city").orElse(""), born));
    }

    private static Optional<String> plate(String text) {
        return Kennzeichen.check(text).toOptional().map(Kennzeichen::formatted);
    }

    private static Optional<String> fin(String text) {
        return Fin.check(text).toOptional().map(Fin::value);
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<YearMonth> month(String text) {
        try {
            return Optional.of(YearMonth.parse(text.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    // --- admin ---

    synchronized List<Vehicle> vehicles() {
        return new ArrayList<>(vehicles.values());
    }

    synchronized Optional<Vehicle> vehicle(String kennzeichen) {
        return plate(kennzeichen).flatMap(this::byPlate);
    }

    synchronized Optional<Vehicle> vehicleByFin(String fin) {
        return fin(fin).map(vehicles::get);
    }

    /**
     * Adds or replaces a test vehicle (admin API): it replaces the vehicle with the same FIN and any
     * vehicle with the same plate, as the register knows one vehicle per plate.
     */
    synchronized Vehicle put(Vehicle vehicle) {
        Vehicle normalized = new Vehicle(Kennzeichen.of(vehicle.kennzeichen()).formatted(), Fin.of(vehicle.fin()).value(),
                vehicle.zb1(), vehicle.zb2(), vehicle.plaketten(), vehicle.registered(), vehicle.holder(),
                vehicle.deregisteredOn(), vehicle.verwertungsnachweis(), vehicle.nextHu(), vehicle.authority(),
                vehicle.firstRegistration());
        withBase(KennzeichenSimulator.base(normalized.kennzeichen())).filter(v -> v.kennzeichen().equals(normalized.kennzeichen()))
                .toList().forEach(v -> {
                    vehicles.remove(v.fin());
                    unindex(v);
                });
        store(normalized).await();
        return normalized;
    }

    /** Every delivery counted per message id (JSON objects), a repeated one too; optionally only for one application. */
    List<String> deliveries(String application) {
        return deliveries.json(application);
    }

    List<String> transfers() {
        return SimulatorFiles.lines(transfers);
    }

    Mode mode() {
        return mode;
    }

    // --- files ---

    private synchronized void load() {
        if (!Files.exists(file)) {
            DEMO.forEach(this::register);
            save();
            printDemo();
        } else {
            for (String line : SimulatorFiles.lines(file)) {
                register(Vehicle.fromLine(line));
            }
            save(); // the journal compacted: one line per vehicle
        }
        if (!Files.exists(cocFile)) {
            DEMO_COC.forEach(r -> coc.put(r.fin(), r));
            saveCoc();
            printDemoCoc();
        } else {
            for (String line : SimulatorFiles.lines(cocFile)) {
                CocRecord r = CocRecord.fromLine(line);
                coc.put(r.fin(), r);
            }
        }
        for (String line : SimulatorFiles.lines(transfers)) {
            received.add(Long.parseLong(SimulatorFiles.jsonString(line, "messageId")));
        }
    }

    /** The whole register, one line per vehicle; changes are appended (a rewrite per change grows with the register). */
    private void save() {
        StringBuilder out = new StringBuilder();
        vehicles.values().forEach(v -> out.append(v.toLine()).append('\n'));
        SimulatorFiles.write(file, out);
    }

    private void saveCoc() {
        StringBuilder out = new StringBuilder();
        coc.values().forEach(r -> out.append(r.toLine()).append('\n'));
        SimulatorFiles.write(cocFile, out);
    }

    private static void printDemo() {
        StringBuilder out = new StringBuilder("KBA-Simulator: Demo-Fahrzeuge zum Ausprobieren (Testdaten, keine echten Codes):\n");
        for (Vehicle v : DEMO) {
            out.append(String.format("  %-11s FIN %s, ", v.kennzeichen(), v.fin()));
            if (v.plaketten().size() >= 2) {
                out.append(String.format("Plakettencodes vorne/hinten %s / %s, ", v.plaketten().get(0), v.plaketten().get(1)));
            }
            out.append(String.format("ZB-I-Code %s, ZB-II-Code %s, Halter %s, nächste HU %s%n", v.zb1(), v.zb2(),
                    v.holder().name(), v.nextHu()));
            out.append("              ").append(purpose(v)).append('\n');
        }
        Vehicle wz = DEMO.get(3);
        out.append(String.format("  HU-Bericht für %s (Nachweis per Prüfziffer): FIN %s, letzte HU %s, nächste HU %s, "
                + "Prüforganisation %s, Prüfziffer %s%n", wz.kennzeichen(), wz.fin(), DEMO_HU_LAST, DEMO_HU_NEXT,
                DEMO_HU_ORGANISATION, HuPruefziffer.of(Fin.of(wz.fin()), DEMO_HU_LAST, DEMO_HU_NEXT, DEMO_HU_ORGANISATION)));
        // one log line per line of the listing: each vehicle is found in the log as the README quotes it
        out.toString().lines().forEach(LOG::info);
    }

    private static String purpose(Vehicle v) {
        if (!v.registered()) {
            return "außer Betrieb seit " + v.deregisteredOn() + ", ohne Verwertungsnachweis: für die Wiederzulassung";
        }
        if (!v.authority().equals(Vehicle.DEFAULT_AUTHORITY)) {
            return "zugelassen in " + v.authority() + ": für die Umschreibung aus einem anderen Bezirk";
        }
        return "zugelassen in " + v.authority() + ": für Außerbetriebsetzung und Umschreibung (Halterwechsel)";
    }

    private static void printDemoCoc() {
        StringBuilder out = new StringBuilder("KBA-Simulator: Neufahrzeuge für die Erstzulassung (Testdaten):\n");
        for (CocRecord r : DEMO_COC) {
            out.append(String.format("  FIN %s, ZB-II-Code %s, %s%n", r.fin(), r.zb2(), r.vehicle()));
        }
        // one log line per line of the listing: each vehicle is found in the log as the README quotes it
        out.toString().lines().forEach(LOG::info);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
