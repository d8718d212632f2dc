package org.openikfz.simulator.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.EvbConnector;
import org.openikfz.api.value.Evb;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Simulator of the insurers' eVB database (GDV): electronic insurance confirmations with their
 * insurer and status, in {@code data/simulator/gdv-evb.tsv}; demo confirmations are written at first
 * start. A registration that reaches the KBA simulator with an eVB marks it {@code USED}, as the
 * authority's notice to the insurer would. The mode is set over the admin API.
 */
@Component(service = {EvbConnector.class, GdvSimulator.class})
public final class GdvSimulator implements EvbConnector {

    private static final Logger LOG = Logger.getLogger(GdvSimulator.class.getName());

    /** One confirmation. */
    record Record(String evb, String insurer, String insurerNumber, Status status) {
        Record {
            evb = Evb.of(evb).value();
            if (status == null || status == Status.UNKNOWN) {
                throw new IllegalArgumentException("status is VALID, USED or EXPIRED");
            }
            insurer = insurer == null ? "" : insurer;
            insurerNumber = insurerNumber == null ? "" : insurerNumber;
        }

        String toLine() {
            return String.join("\t", evb, SimulatorFiles.field(insurer), SimulatorFiles.field(insurerNumber), status.name());
        }

        static Record fromLine(String line) {
            String[] f = line.split("\t", -1);
            return new Record(f[0], f[1], f[2], Status.valueOf(f[3]));
        }
    }

    /** The confirmations a new installation starts with (fictitious insurers). */
    static final List<Record> DEMO = List.of(
            new Record("MV12345", "Muster Versicherung AG", "9001", Status.VALID),
            new Record("MV23456", "Muster Versicherung AG", "9001", Status.VALID),
            new Record("BA34567", "Beispiel Assekuranz VVaG", "9002", Status.VALID),
            new Record("BA45678", "Beispiel Assekuranz VVaG", "9002", Status.VALID),
            new Record("MV99999", "Muster Versicherung AG", "9001", Status.USED),
            new Record("BA00000", "Beispiel Assekuranz VVaG", "9002", Status.EXPIRED));

    private final Path file;
    private final Map<String, Record> records = new LinkedHashMap<>(); // guarded by this
    private final Mode mode = new Mode("GDV");

    @Activate
    public GdvSimulator(BundleContext context) {
        this(SimulatorFiles.dir(context));
    }

    GdvSimulator(Path dir) {
        this.file = dir.resolve("gdv-evb.tsv");
        load();
    }

    @Override
    public Confirmation verify(Evb evb) throws ConnectorUnavailableException {
        mode.await();
        Record record;
        synchronized (this) {
            record = records.get(evb.value());
        }
        return record == null ? new Confirmation(Status.UNKNOWN, null, null)
                : new Confirmation(record.status(), blankToNull(record.insurer()), blankToNull(record.insurerNumber()));
    }

    /** The registration used the confirmation: a valid one becomes USED. Unknown or invalid numbers are ignored. */
    synchronized void markUsed(String evb) {
        Optional<Evb> number = Evb.check(evb == null ? "" : evb).toOptional();
        if (number.isEmpty()) {
            return;
        }
        Record record = records.get(number.get().value());
        if (record != null && record.status() == Status.VALID) {
            records.put(record.evb(), new Record(record.evb(), record.insurer(), record.insurerNumber(), Status.USED));
            save();
        }
    }

    /** Adds or replaces a confirmation (admin API). */
    synchronized Record put(Record record) {
        records.put(record.evb(), record);
        save();
        return record;
    }

    synchronized List<Record> records() {
        return new ArrayList<>(records.values());
    }

    Mode mode() {
        return mode;
    }

    private synchronized void load() {
        if (!Files.exists(file)) {
            DEMO.forEach(r -> records.put(r.evb(), r));
            save();
            printDemo();
            return;
        }
        for (String line : SimulatorFiles.lines(file)) {
            Record r = Record.fromLine(line);
            records.put(r.evb(), r);
        }
    }

    private void save() {
        StringBuilder out = new StringBuilder();
        records.values().forEach(r -> out.append(r.toLine()).append('\n'));
        SimulatorFiles.write(file, out);
    }

    private static void printDemo() {
        StringBuilder out = new StringBuilder("GDV-Simulator: Demo-eVB-Nummern (Testdaten, fiktive Versicherer):\n");
        for (Record r : DEMO) {
            out.append(String.format("  %s  %-8s %s (VU-Nr. %s)%n", r.evb(), r.status(), r.insurer(), r.insurerNumber()));
        }
        // one log line per demo record, so each is found in the log (and the README's listing matches)
        out.toString().lines().forEach(LOG::info);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
