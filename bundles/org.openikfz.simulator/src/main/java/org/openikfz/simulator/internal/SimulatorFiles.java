package org.openikfz.simulator.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openikfz.api.connector.TransferMessage;
import org.osgi.framework.BundleContext;

/** Where the simulators keep their records: {@code ${openikfz.home}/data/simulator}. */
final class SimulatorFiles {

    /** A journal per file: appends to one file are written together, to different files in parallel. */
    private static final java.util.Map<Path, Journal> JOURNALS = new java.util.concurrent.ConcurrentHashMap<>();

    private SimulatorFiles() {
    }

    static Path dir(BundleContext context) {
        String home = context.getProperty("openikfz.home");
        Path dir = Path.of(home == null ? "." : home, "data", "simulator");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * Appends one line and forces it to disk: what a receiver acknowledged survives a crash. Lines
     * appended to one file at the same time are forced together ({@link Journal}).
     */
    static void append(Path file, String line) {
        journal(file).append(line);
    }

    /** The file's journal: lines queued under a receiver's lock and awaited after it. */
    static Journal journal(Path file) {
        return JOURNALS.computeIfAbsent(file.toAbsolutePath(), Journal::new);
    }

    /** Replaces the file's content atomically (write a sibling, then move it over the file). */
    static void write(Path file, CharSequence content) {
        journal(file).replace(() -> writeLocked(file, content));
    }

    private static void writeLocked(Path file, CharSequence content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value fit for one TSV field: tabs and line breaks become spaces, {@code null} becomes empty. */
    static String field(Object value) {
        return value == null ? "" : value.toString().replaceAll("[\\t\\r\\n]", " ");
    }

    /** Field {@code i} of a split TSV line, or empty when the line is shorter (older files). */
    static String field(String[] fields, int i) {
        return i < fields.length ? fields[i] : "";
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The received message as one JSON line (the payload is already JSON). */
    static String received(TransferMessage message) {
        return "{\"messageId\":\"" + message.id() + "\",\"application\":\"" + message.applicationId()
                + "\",\"procedure\":\"" + message.procedure() + "\",\"internet\":" + message.internet()
                + ",\"payload\":" + message.payload() + "}";
    }

    /** The value of the first string member {@code name} in a flat JSON text, or {@code null}. */
    static String jsonString(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }
}
