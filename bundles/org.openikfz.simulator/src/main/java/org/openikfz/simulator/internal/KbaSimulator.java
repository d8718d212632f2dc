package org.openikfz.simulator.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.connector.VehicleRecord;
import org.openikfz.api.connector.ZfzrConnector;
import org.openikfz.api.connector.ZfzrQuery;
import org.openikfz.api.connector.ZfzrVerification;
import org.openikfz.api.connector.ZfzrVerification.Part;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * KBA simulator: the central vehicle register (ZFZR) and the KBA's transfer receiver. Vehicles live
 * in {@code data/simulator/kba-vehicles.tsv}; a demo data set is written at first start. The mode
 * (normal, slow, unavailable) is set in {@code etc/org.openikfz.simulator.kba.cfg} or over the admin API.
 */
@Component(service = {ZfzrConnector.class, TransferTarget.class, KbaSimulator.class},
        configurationPid = KbaSimulator.PID)
@Designate(ocd = KbaSimulator.Config.class)
public final class KbaSimulator implements ZfzrConnector, TransferTarget {

    static final String PID = "org.openikfz.simulator.kba";

    @ObjectClassDefinition(id = PID, name = "KBA simulator")
    public @interface Config {
        @AttributeDefinition(description = "normal, slow or unavailable")
        String mode() default "normal";

        @AttributeDefinition(description = "answer delay in slow mode (ms)")
        long slow_delay() default 3000;
    }

    /** The demo vehicles a new installation starts with; printed at start so people can try the portal. */
    static final List<Vehicle> DEMO = List.of(
            new Vehicle("ERZ-AB 123", "WVWZZZ1JZXW000001", "Ab3De4F", "", List.of("K7m", "P2x"), true,
                    "Erika Mustermann", "Hauptstraße 1", "09456", "Annaberg-Buchholz"),
            new Vehicle("ERZ-XY 42", "WDB1240221A000002", "Hx7Rt2Q", "", List.of("M4n", "Z9a"), true,
                    "Max Mustermann", "Markt 5", "09366", "Stollberg"),
            new Vehicle("ERZ-E 7E", "VF1AG000000000003", "Ew5Kp8S", "", List.of("T3b", "W6c"), true,
                    "Muster GmbH", "Industriestraße 9", "08280", "Aue-Bad Schlema"));

    private final Path file;
    private final Path transfers;
    private final Map<String, Vehicle> vehicles = new LinkedHashMap<>(); // guarded by this
    private final Set<Long> received = new HashSet<>(); // guarded by this
    private volatile String mode;
    private volatile long slowDelay;

    @Activate
    public KbaSimulator(BundleContext context, Config config) {
        Path dir = SimulatorFiles.dir(context);
        this.file = dir.resolve("kba-vehicles.tsv");
        this.transfers = dir.resolve("kba-transfers.jsonl");
        configure(config);
        load();
    }

    @Modified
    void configure(Config config) {
        this.mode = config.mode();
        this.slowDelay = config.slow_delay();
    }

    @Override
    public ZfzrVerification verify(ZfzrQuery query) throws ConnectorUnavailableException {
        answerDelay();
        Vehicle vehicle;
        synchronized (this) {
            vehicle = vehicles.get(query.kennzeichen().formatted());
        }
        if (vehicle == null) {
            return new ZfzrVerification(null, Set.of());
        }
        Set<Part> mismatches = EnumSet.noneOf(Part.class);
        if (!vehicle.registered()) {
            mismatches.add(Part.NOT_REGISTERED);
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
        List<String> given = query.plaketten().stream().map(PlakettenCode::value).toList();
        if (!given.isEmpty() && !vehicle.plaketten().containsAll(given)) {
            mismatches.add(Part.PLAKETTEN_CODE);
        }
        Holder holder = new Holder(vehicle.holderName(), vehicle.holderStreet(), vehicle.holderPostalCode(),
                vehicle.holderCity(), null);
        return new ZfzrVerification(new VehicleRecord(Kennzeichen.of(vehicle.kennzeichen()), Fin.of(vehicle.fin()),
                vehicle.registered(), holder), mismatches);
    }

    @Override
    public String destination() {
        return KBA;
    }

    /** Receives a transfer; a message id seen before is acknowledged and not applied again. */
    @Override
    public synchronized void deliver(TransferMessage message) throws ConnectorUnavailableException {
        answerDelay();
        if (!received.add(message.id())) {
            return;
        }
        // an Außerbetriebsetzung that reaches the register takes the vehicle off the road
        if ("ausserbetriebsetzung".equals(message.procedure())) {
            String plate = SimulatorFiles.jsonString(message.payload(), "kennzeichen");
            if (plate != null && vehicles.containsKey(plate)) {
                vehicles.put(plate, vehicles.get(plate).deregistered());
                save();
            }
        }
        SimulatorFiles.append(transfers, SimulatorFiles.received(message));
    }

    synchronized List<Vehicle> vehicles() {
        return new ArrayList<>(vehicles.values());
    }

    synchronized Optional<Vehicle> vehicle(String kennzeichen) {
        return Optional.ofNullable(vehicles.get(kennzeichen));
    }

    /** Adds or replaces a test vehicle (admin API). */
    synchronized Vehicle put(Vehicle vehicle) {
        Vehicle normalized = new Vehicle(Kennzeichen.of(vehicle.kennzeichen()).formatted(), Fin.of(vehicle.fin()).value(),
                vehicle.zb1(), vehicle.zb2(), vehicle.plaketten(), vehicle.registered(), vehicle.holderName(),
                vehicle.holderStreet(), vehicle.holderPostalCode(), vehicle.holderCity());
        vehicles.put(normalized.kennzeichen(), normalized);
        save();
        return normalized;
    }

    List<String> transfers() {
        return SimulatorFiles.lines(transfers);
    }

    String mode() {
        return mode;
    }

    void mode(String newMode) {
        if (!List.of("normal", "slow", "unavailable").contains(newMode)) {
            throw new IllegalArgumentException("mode is normal, slow or unavailable");
        }
        this.mode = newMode;
    }

    private void answerDelay() throws ConnectorUnavailableException {
        switch (mode) {
            case "unavailable" -> throw new ConnectorUnavailableException("KBA simulator is set to unavailable");
            case "slow" -> {
                try {
                    Thread.sleep(slowDelay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorUnavailableException("interrupted");
                }
            }
            default -> {
            }
        }
    }

    private synchronized void load() {
        try {
            if (!Files.exists(file)) {
                DEMO.forEach(v -> vehicles.put(v.kennzeichen(), v));
                save();
                printDemo();
            } else {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        Vehicle v = Vehicle.fromLine(line);
                        vehicles.put(v.kennzeichen(), v);
                    }
                }
            }
            for (String line : SimulatorFiles.lines(transfers)) {
                received.add(Long.parseLong(SimulatorFiles.jsonString(line, "messageId")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save() {
        StringBuilder out = new StringBuilder();
        vehicles.values().forEach(v -> out.append(v.toLine()).append('\n'));
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printDemo() {
        StringBuilder out = new StringBuilder("KBA-Simulator: Demo-Fahrzeuge zum Ausprobieren (Testdaten, keine echten Codes):\n");
        for (Vehicle v : DEMO) {
            out.append(String.format("  %-11s Plakettencodes vorne/hinten %s / %s, ZB-I-Code %s%n", v.kennzeichen(),
                    v.plaketten().get(0), v.plaketten().get(1), v.zb1()));
        }
        System.out.print(out);
    }
}
