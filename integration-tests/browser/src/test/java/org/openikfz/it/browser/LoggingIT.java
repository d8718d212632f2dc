package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The platform's one log (docs/operations-logging.md): every bundle, whatever logging API it uses, writes one line
 * per event in the documented format to logs/openikfz.log; Flyway does not warn about the databases we ship;
 * etc/org.ops4j.pax.logging.cfg switches to JSON lines and rotates by size.
 */
class LoggingIT {

    /** The documented line: TIME LEVEL [THREAD] LOGGER - MESSAGE (time in UTC with milliseconds). */
    static final Pattern LINE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z) (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) \\[([^\\]]*)\\] (\\S*) - (.*)");

    @Test
    void everyBundleWritesTheOneDocumentedFormat() throws Exception {
        RunningDistribution distribution = RunningDistribution.start("logging-text");
        List<String> lines;
        try {
            applyThroughTheApi(distribution);
            // what the store, the web tier, the simulators, the engine and the launcher say at start
            waitFor(() -> loggers(read(distribution.home.resolve("logs/openikfz.log"))).containsAll(List.of(
                    "org.openikfz.launcher", "org.openikfz.store.internal.StoreComponent", "org.flywaydb.core.FlywayExecutor",
                    "org.openikfz.ui.UiServer", "org.openikfz.web.api.internal.ApiServer", "org.openikfz.core.internal.Engine",
                    "org.openikfz.simulator.internal.KbaSimulator")), "the log names every part of the platform");
        } finally {
            distribution.close();
        }
        lines = read(distribution.home.resolve("logs/openikfz.log"));
        List<String> foreign = lines.stream().filter(l -> !LINE.matcher(l).matches()).toList();
        assertEquals(List.of(), foreign, "lines not in the documented format");
        assertTrue(lines.stream().anyMatch(l -> l.matches(".* INFO  \\[main\\] org\\.openikfz\\.launcher - Open i-Kfz started in \\d+ ms .*")),
                "the launcher's start line");
        // what bundles log while the framework stops is there too (java.util.logging is not reset before)
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(" org.openikfz.core.internal.Engine - Open i-Kfz engine stopping")),
                "the engine's last line");
        // the README's demo listing of the KBA simulator, one vehicle a line
        assertTrue(lines.stream().anyMatch(l -> l.contains("KBA-Simulator: Demo-Fahrzeuge")), "demo listing");
        assertTrue(lines.stream().anyMatch(l -> l.matches(".* - {3}ERZ-AB 123 +FIN WVWZZZ1JZXW000001, .*")), "demo vehicle line");
        // Flyway knows the H2 and PostgreSQL versions we ship: no "upgrade recommended / not supported" warning
        List<String> flywayWarnings = lines.stream().filter(l -> l.contains("org.flywaydb") && !l.contains(" INFO  ")).toList();
        assertEquals(List.of(), flywayWarnings, "Flyway warnings");
        assertFalse(lines.stream().anyMatch(l -> l.contains("newer than this version of Flyway") || l.contains("not supported")),
                "no Flyway version warning");
        // nothing writes around the log (no System.out, no Log4j diagnostics): the JVM's console has the launcher's line only
        List<String> console = read(distribution.home.resolve("logs/console.log"));
        assertEquals(1, console.size(), "logs/console.log: " + console);
        assertTrue(console.get(0).matches("Open i-Kfz started in \\d+ ms \\(home .*\\)"), console.get(0));
    }

    @Test
    void jsonLinesForLogShippersAndRotationBySize() throws Exception {
        RunningDistribution distribution = RunningDistribution.start("logging-json", home -> {
            Path cfg = home.resolve("etc/org.ops4j.pax.logging.cfg");
            String text = Files.readString(cfg)
                    .replace("log4j2.rootLogger.appenderRef.file.ref = text", "log4j2.rootLogger.appenderRef.file.ref = json")
                    .replace("log4j2.appender.json.policies.size.size = 50 MB", "log4j2.appender.json.policies.size.size = 4 KB");
            assertTrue(text.contains("file.ref = json") && text.contains("size.size = 4 KB"), "the documented keys are in etc/");
            Files.writeString(cfg, text);
            // rotated files from earlier: one past the retention of 180 days, one within it
            oldLog(home.resolve("logs/openikfz-2000-01-01-1.jsonl.gz"), 200);
            oldLog(home.resolve("logs/openikfz-2000-01-02-1.jsonl.gz"), 10);
        });
        Path logs = distribution.home.resolve("logs");
        try {
            applyThroughTheApi(distribution);
            waitFor(() -> rotated(logs).stream().filter(f -> !f.getFileName().toString().startsWith("openikfz-2000-")).count() >= 2,
                    "rotated files at a 4 KB limit");
        } finally {
            distribution.close();
        }
        assertFalse(Files.exists(logs.resolve("openikfz.log")), "JSON instead of text, not beside it");
        // retention: at rotation, what is older than 180 days is deleted, the rest kept
        assertFalse(Files.exists(logs.resolve("openikfz-2000-01-01-1.jsonl.gz")), "older than 180 days: deleted");
        assertTrue(Files.exists(logs.resolve("openikfz-2000-01-02-1.jsonl.gz")), "10 days old: kept");
        List<String> lines = new ArrayList<>(read(logs.resolve("openikfz.jsonl")));
        for (Path gz : rotated(logs)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                lines.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
            assertTrue(Files.size(gz) > 0, gz.toString());
        }
        assertTrue(lines.size() > 20, "lines: " + lines.size());
        List<String> loggers = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = Api.JSON.readTree(line);
            for (String field : List.of("time", "level", "logger", "thread", "message")) {
                assertTrue(event.path(field).isTextual(), field + " in " + line);
            }
            assertTrue(event.path("time").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), line);
            assertTrue(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL").contains(event.path("level").asText()), line);
            loggers.add(event.path("logger").asText());
        }
        assertTrue(loggers.containsAll(List.of("org.openikfz.launcher", "org.openikfz.store.internal.StoreComponent",
                "org.openikfz.ui.UiServer", "org.openikfz.core.internal.Engine", "org.openikfz.simulator.internal.KbaSimulator")),
                loggers.toString());
    }

    /** An Außerbetriebsetzung through the machine API, paid and decided: the engine, store, checks and simulators at work. */
    private static void applyThroughTheApi(RunningDistribution distribution) throws Exception {
        Api api = new Api(distribution);
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
        String path = "/api/v1/applications/" + created.path("id").asText();
        String token = created.path("token").asText();
        api.call("PUT", path + "/answers", token, Api.abmelden("Ab3De4F"), 200);
        JsonNode verified = api.call("POST", path + "/verify", token, null, 200);
        assertEquals("AWAITING_PAYMENT", verified.path("state").asText(), verified.toString());
        api.payAndSubmit(path, token, "DECIDED");
    }

    /** A rotated log file as an earlier run left it, last modified {@code days} ago. */
    private static void oldLog(Path file, int days) throws IOException {
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("{\"time\":\"2026-01-02T00:00:00.000Z\",\"level\":\"INFO\",\"logger\":\"org.openikfz.earlier\","
                    + "\"thread\":\"main\",\"message\":\"an earlier run\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofDays(days))));
    }

    private static List<Path> rotated(Path logs) {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.getFileName().toString().matches("openikfz-\\d{4}-\\d{2}-\\d{2}-\\d+\\.jsonl\\.gz")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> loggers(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                names.add(m.group(4));
            }
        }
        return names;
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds (the log is written asynchronously to the requests), at most 30 s. */
    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s: " + what);
            Thread.sleep(50);
        }
    }
}
