package org.openikfz.it.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The built distribution, copied to a folder of its own and started with its own start script, as
 * an operator would, on a free port.
 */
final class RunningDistribution implements AutoCloseable {

    final Path home;
    /** The citizens' portal's port. */
    final int port;
    final int backOfficePort;
    final int apiPort;
    final long startMillis;
    /** Whether the ingresses speak HTTPS (the preparation configured a key store). */
    final boolean tls;

    private RunningDistribution(Path home, int port, int backOfficePort, int apiPort, long startMillis, boolean tls) {
        this.home = home;
        this.port = port;
        this.backOfficePort = backOfficePort;
        this.apiPort = apiPort;
        this.startMillis = startMillis;
        this.tls = tls;
    }

    /** What a test changes in its copy of the distribution before it starts (e.g. the feature). */
    interface Preparation {
        void prepare(Path home) throws Exception;
    }

    static RunningDistribution start(String name) throws Exception {
        return start(name, home -> { });
    }

    static RunningDistribution start(String name, Preparation preparation) throws Exception {
        return start(name, preparation, false);
    }

    /** @param tls whether the preparation configured HTTPS (then the start is awaited by the launcher's word and an open port) */
    static RunningDistribution start(String name, Preparation preparation, boolean tls) throws Exception {
        Path source = Path.of(System.getProperty("openikfz.distribution"));
        Path home = Path.of(System.getProperty("openikfz.it.work")).resolve(name).toAbsolutePath();
        deleteRecursively(home);
        copy(source, home);
        preparation.prepare(home);
        int port = freePort();
        int backOfficePort = freePort();
        int apiPort = freePort();
        // free ports on the loopback interface for the three ingresses; further UI settings the preparation wrote are kept
        Path ui = home.resolve("etc/org.openikfz.ui.cfg");
        String kept = Files.exists(ui) ? Files.readAllLines(ui).stream().filter(l -> !l.matches("(port|host|backOfficePort|apiPort)=.*"))
                .map(l -> l + "\n").collect(java.util.stream.Collectors.joining()) : "";
        Files.writeString(ui, "port=" + port + "\nhost=127.0.0.1\nbackOfficePort=" + backOfficePort + "\napiPort=" + apiPort + "\n"
                + kept);
        Files.writeString(home.resolve("etc/org.openikfz.simulator.http.cfg"), "port=" + freePort() + "\n");
        org.openikfz.it.LandSimulators.onFreePorts(home);
        RunningDistribution distribution = new RunningDistribution(home, port, backOfficePort, apiPort, 0, tls);
        long millis = distribution.launch();
        System.out.printf("distribution %s: first HTTP 200 after %d ms%n", name, millis);
        return new RunningDistribution(home, port, backOfficePort, apiPort, millis, tls);
    }

    /** A copy of the distribution on free ports, prepared but not started (the test starts it with {@link #startScript()}). */
    static RunningDistribution prepared(String name) throws Exception {
        Path source = Path.of(System.getProperty("openikfz.distribution"));
        Path home = Path.of(System.getProperty("openikfz.it.work")).resolve(name).toAbsolutePath();
        deleteRecursively(home);
        copy(source, home);
        int port = freePort();
        int backOfficePort = freePort();
        int apiPort = freePort();
        Files.writeString(home.resolve("etc/org.openikfz.ui.cfg"), "port=" + port + "\nhost=127.0.0.1\nbackOfficePort=" + backOfficePort
                + "\napiPort=" + apiPort + "\n");
        Files.writeString(home.resolve("etc/org.openikfz.simulator.http.cfg"), "port=" + freePort() + "\n");
        org.openikfz.it.LandSimulators.onFreePorts(home);
        return new RunningDistribution(home, port, backOfficePort, apiPort, 0, false);
    }

    /** Runs {@code bin/openikfz start} as an operator would; returns its exit status and what it printed. */
    Started startScript() throws Exception {
        Process process = new ProcessBuilder(home.resolve("bin/openikfz").toString(), "start")
                .directory(home.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Started(process.waitFor(), output);
    }

    record Started(int status, String output) {
    }

    /** Starts the distribution in its home (again) and waits for the UI; returns the milliseconds it took. */
    long launch() throws Exception {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(home.resolve("bin/openikfz").toString(), "start")
                .directory(home.toFile()).redirectErrorStream(true).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("bin/openikfz start failed: " + new String(process.getInputStream().readAllBytes()));
        }
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (tls) {
                    // HTTPS with a test CA: the port is open and the launcher says the platform started
                    try (java.net.Socket open = new java.net.Socket("127.0.0.1", port)) {
                        if (console().contains("Open i-Kfz started in")) {
                            return (System.nanoTime() - started) / 1_000_000;
                        }
                    }
                } else {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    // the UI answers before the last bundles of the feature have started: wait for the launcher's word
                    if (response.statusCode() == 200 && console().contains("Open i-Kfz started in")) {
                        return (System.nanoTime() - started) / 1_000_000;
                    }
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("no HTTP 200 within 60 s; console:\n" + console() + "\nlog:\n" + log());
            }
            Thread.sleep(50);
        }
    }

    /** Kills the process the hard way ({@code kill -9}): no shutdown hook, nothing flushed. */
    void kill() throws Exception {
        long pid = Long.parseLong(Files.readString(home.resolve("data/openikfz.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        Files.deleteIfExists(home.resolve("data/openikfz.pid"));
    }

    /** An address on the citizens' portal. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** An address on the back office's ingress. */
    URI backOffice(String path) {
        return URI.create("http://127.0.0.1:" + backOfficePort + path);
    }

    /** An address on the machine API's ingress ({@code /api/…}, {@code /health}). */
    URI api(String path) {
        return URI.create("http://127.0.0.1:" + apiPort + path);
    }

    /** The platform's log (etc/org.ops4j.pax.logging.cfg, text format): every bundle's lines, and the launcher's. */
    String log() throws IOException {
        Path log = home.resolve("logs/openikfz.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The JVM's console in the background ({@code bin/openikfz start}): the launcher's start line, or why it could not start. */
    String console() throws IOException {
        Path console = home.resolve("logs/console.log");
        return Files.exists(console) ? Files.readString(console) : "";
    }

    @Override
    public void close() throws Exception {
        Process stop = new ProcessBuilder(home.resolve("bin/openikfz").toString(), "stop")
                .directory(home.toFile()).redirectErrorStream(true).start();
        stop.getInputStream().readAllBytes();
        stop.waitFor();
    }

    /** Copies a bundle into deploy/ as an operator would: written under another name, then renamed; returns the deployed file. */
    Path deploy(Path jar) throws IOException {
        Path deployed = home.resolve("deploy").resolve(jar.getFileName());
        Path partial = home.resolve("deploy").resolve(jar.getFileName() + ".part");
        Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, deployed, StandardCopyOption.ATOMIC_MOVE);
        return deployed;
    }

    static int freePort() throws IOException {
        return org.openikfz.it.Ports.free();
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
