package org.openikfz.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The district build's own settings, checked where they lie ({@code etc/} over its bundles' defaults,
 * the files' permissions, the bundles it carries). Each check names what it looked at, so an auditor can
 * follow it; none needs the platform to run.
 */
final class ConfigurationChecks {

    static final String UI = "org.openikfz.ui";
    static final String CORE = "org.openikfz.core";
    static final String LOGGING = "org.ops4j.pax.logging";
    /** The longest idle time of a session and of an unfinished dialog: 30 minutes (KBA minimum security requirements). */
    static final int MAX_IDLE_SECONDS = 30 * 60;
    /** HSTS must outlive a browser's visits by months: at least 180 days. */
    static final long MIN_HSTS_SECONDS = 180L * 24 * 3600;
    /** Logs are deleted after six months at the latest (KBA minimum security requirements). */
    static final int MAX_LOG_DAYS = 183;
    /** Bodies above this are no form a citizen fills in. */
    static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    static final int MAX_API_RATE = 100;
    static final int MAX_PAGE_RATE = 500;

    private final Installation installation;

    ConfigurationChecks(Installation installation) {
        this.installation = installation;
    }

    List<Check> run() throws IOException {
        List<Check> checks = new ArrayList<>();
        checks.add(https());
        checks.add(tlsProfile());
        checks.add(hsts());
        checks.add(backOfficeIngress());
        checks.add(sessionTimeouts());
        checks.add(bodyLimits());
        checks.add(rateLimits());
        checks.add(permissions());
        checks.add(logRetention());
        checks.add(dialogRetention());
        checks.add(noSimulators());
        return checks;
    }

    private boolean httpsOn() throws IOException {
        String keyStore = installation.setting(UI, "tlsKeyStore");
        return keyStore != null && !keyStore.isBlank() && Files.isRegularFile(resolve(keyStore));
    }

    private Path resolve(String file) {
        Path p = Path.of(file.trim());
        return p.isAbsolute() ? p : installation.home().resolve(p);
    }

    Check https() throws IOException {
        String title = "The ingresses speak HTTPS";
        String keyStore = installation.setting(UI, "tlsKeyStore");
        if (keyStore == null || keyStore.isBlank()) {
            return Check.fail("config.https", title, "etc/" + UI + ".cfg sets no tlsKeyStore: portal, back office and machine API"
                    + " answer in plain HTTP (acceptable only behind a TLS-terminating proxy, which this check cannot see)");
        }
        if (!Files.isRegularFile(resolve(keyStore))) {
            return Check.fail("config.https", title, "tlsKeyStore names " + keyStore + ", which does not exist: the platform will not start");
        }
        return Check.pass("config.https", title, "tlsKeyStore = " + keyStore + " (present): every ingress speaks HTTPS only");
    }

    Check tlsProfile() throws IOException {
        String title = "TLS as BSI TR-02102-2 recommends";
        if (!httpsOn()) {
            return Check.fail("config.tls-profile", title, "no TLS is configured (see config.https)");
        }
        Path script = installation.home().resolve("bin/openikfz");
        boolean renegotiation = Files.isRegularFile(script)
                && Files.readString(script).contains("-Djdk.tls.rejectClientInitiatedRenegotiation=true");
        if (!renegotiation) {
            return Check.fail("config.tls-profile", title, "bin/openikfz does not start the JVM with"
                    + " jdk.tls.rejectClientInitiatedRenegotiation=true: clients may renegotiate");
        }
        return Check.pass("config.tls-profile", title, "TLS 1.3 and 1.2 only, the AES-GCM suites with forward secrecy of TR-02102-2"
                + " (fixed in org.openikfz.web.support TlsSettings, not configurable), client-initiated renegotiation refused"
                + " (bin/openikfz)");
    }

    Check hsts() throws IOException {
        String title = "Browsers are told to use HTTPS only (HSTS)";
        if (!httpsOn()) {
            return Check.fail("config.hsts", title, "no TLS is configured, so no HSTS either");
        }
        long maxAge = Long.parseLong(installation.setting(UI, "hstsMaxAgeSeconds"));
        return maxAge >= MIN_HSTS_SECONDS
                ? Check.pass("config.hsts", title, "hstsMaxAgeSeconds = " + maxAge)
                : Check.fail("config.hsts", title, "hstsMaxAgeSeconds = " + maxAge + ", less than " + MIN_HSTS_SECONDS + " (180 days)");
    }

    Check backOfficeIngress() throws IOException {
        String title = "The back office is not on the public ingress";
        String host = installation.setting(UI, "host");
        String port = installation.setting(UI, "port");
        String boHost = installation.setting(UI, "backOfficeHost");
        String boPort = installation.setting(UI, "backOfficePort");
        String where = "portal " + host + ":" + port + ", back office " + boHost + ":" + boPort;
        if (port != null && port.equals(boPort)) {
            return Check.fail("config.back-office-ingress", title, where + ": the same port");
        }
        if (wildcard(boHost)) {
            return Check.fail("config.back-office-ingress", title, where + ": the back office listens on every interface;"
                    + " bind it to an internal address (backOfficeHost) — a firewall in front is an organisational measure this"
                    + " check cannot see");
        }
        return Check.pass("config.back-office-ingress", title, where + ": its own connector on " + boHost);
    }

    private static boolean wildcard(String host) {
        return host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("*");
    }

    Check sessionTimeouts() throws IOException {
        String title = "Sessions end after 30 idle minutes at most";
        int portal = Integer.parseInt(installation.setting(UI, "sessionIdleSeconds"));
        int backOffice = Integer.parseInt(installation.setting(UI, "backOfficeSessionIdleSeconds"));
        String values = "sessionIdleSeconds = " + portal + ", backOfficeSessionIdleSeconds = " + backOffice;
        return portal <= MAX_IDLE_SECONDS && backOffice <= MAX_IDLE_SECONDS
                ? Check.pass("config.session-timeouts", title, values)
                : Check.fail("config.session-timeouts", title, values + ": more than " + MAX_IDLE_SECONDS + " s");
    }

    Check bodyLimits() throws IOException {
        String title = "Request bodies are limited";
        long max = Long.parseLong(installation.setting(UI, "maxRequestBytes"));
        return max <= MAX_BODY_BYTES
                ? Check.pass("config.body-limits", title, "maxRequestBytes = " + max + " (larger bodies get 413 before they are read;"
                        + " the machine API takes 64 KiB at most)")
                : Check.fail("config.body-limits", title, "maxRequestBytes = " + max + ", more than " + MAX_BODY_BYTES);
    }

    Check rateLimits() throws IOException {
        String title = "Requests per client address are limited";
        int api = Integer.parseInt(installation.setting(UI, "apiRequestsPerSecond"));
        int pages = Integer.parseInt(installation.setting(UI, "pageRequestsPerSecond"));
        String values = "apiRequestsPerSecond = " + api + ", pageRequestsPerSecond = " + pages + ", sessionsPerAddress = "
                + installation.setting(UI, "sessionsPerAddress");
        return api <= MAX_API_RATE && pages <= MAX_PAGE_RATE
                ? Check.pass("config.rate-limits", title, values)
                : Check.fail("config.rate-limits", title, values + ": above " + MAX_API_RATE + " or " + MAX_PAGE_RATE
                        + " a limit no longer slows an attacker down");
    }

    Check permissions() throws IOException {
        String title = "What holds secrets is for the platform's user only";
        List<String> open = new ArrayList<>();
        for (String folder : List.of("data", "etc")) {
            Path dir = installation.home().resolve(folder);
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.toList()) {
                    Set<PosixFilePermission> perms;
                    try {
                        perms = Files.getPosixFilePermissions(p);
                    } catch (UnsupportedOperationException e) {
                        return Check.notChecked("config.permissions", title, "the file system has no POSIX permissions");
                    }
                    if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                        open.add(installation.home().relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
                    }
                }
            }
        }
        for (String folder : List.of("lib", "system", "bin", "deploy")) {
            Path dir = installation.home().resolve(folder);
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.toList()) {
                        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                        if (perms.contains(PosixFilePermission.OTHERS_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)) {
                            open.add(installation.home().relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
                        }
                    }
                }
            }
        }
        return open.isEmpty()
                ? Check.pass("config.permissions", title, "data/ and etc/ (database, keys, passwords) are readable by their owner only;"
                        + " lib/, system/, bin/ and deploy/ are writable by their owner only")
                : Check.fail("config.permissions", title, "open to others: " + String.join(", ", open.subList(0, Math.min(20, open.size())))
                        + (open.size() > 20 ? " … (" + open.size() + " in all)" : ""));
    }

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*d");

    Check logRetention() throws IOException {
        String title = "Logs are deleted after six months";
        Properties logging = installation.configuration(LOGGING);
        List<String> appenders = logging.stringPropertyNames().stream()
                .filter(k -> k.matches("log4j2\\.appender\\.[^.]+\\.strategy\\.type")).map(k -> k.split("\\.")[2]).sorted().toList();
        if (appenders.isEmpty()) {
            return Check.fail("config.log-retention", title, "etc/" + LOGGING + ".cfg rolls no log file over: nothing is ever deleted");
        }
        List<String> found = new ArrayList<>();
        for (String appender : appenders) {
            String age = logging.getProperty("log4j2.appender." + appender + ".strategy.delete.name.age.age");
            Matcher m = age == null ? null : AGE.matcher(age.trim());
            if (m == null || !m.matches()) {
                return Check.fail("config.log-retention", title, "the log '" + appender + "' has no deletion by age in days ("
                        + age + ")");
            }
            int days = Integer.parseInt(m.group(1));
            if (days > MAX_LOG_DAYS) {
                return Check.fail("config.log-retention", title, "the log '" + appender + "' keeps rotated files " + days + " days");
            }
            found.add(appender + ": " + days + " days");
        }
        return Check.pass("config.log-retention", title, "rotated log files are deleted after " + String.join(", ", found)
                + " (etc/" + LOGGING + ".cfg)");
    }

    Check dialogRetention() throws IOException {
        String title = "Dialog data (security codes included) are deleted within 30 minutes";
        String idle = installation.setting(CORE, "dialog.idleMinutes");
        int minutes = idle == null ? -1 : Integer.parseInt(idle);
        if (minutes < 1 || minutes > 30) {
            return Check.fail("config.dialog-retention", title, "dialog.idleMinutes = " + idle + ": an abandoned dialog keeps its data"
                    + " longer than 30 minutes");
        }
        return Check.pass("config.dialog-retention", title, "an abandoned dialog is aborted and its data deleted after " + minutes
                + " idle minutes (dialog.idleMinutes); a decision's data after its 30-minute window (FZV § 19(1) S. 6), fixed in code;"
                + " security codes as soon as they are verified");
    }

    Check noSimulators() throws IOException {
        String title = "No simulator of a government system is deployed";
        List<String> simulators = new ArrayList<>();
        for (String folder : List.of("system", "deploy")) {
            for (Path jar : installation.jars(folder)) {
                if (jar.getFileName().toString().contains(".simulator")) {
                    simulators.add(installation.home().relativize(jar).toString());
                }
            }
        }
        if (installation.simulatorsDeclared() || !simulators.isEmpty()) {
            return Check.fail("config.no-simulators", title, "the district '" + installation.district() + "' runs simulators"
                    + (simulators.isEmpty() ? "" : ": " + String.join(", ", simulators)) + " — a build for tests, not for citizens");
        }
        return Check.pass("config.no-simulators", title, "no simulator bundle in system/ or deploy/; the district descriptor asks for none");
    }
}
