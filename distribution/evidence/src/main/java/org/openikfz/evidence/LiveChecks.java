package org.openikfz.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Evidence that needs the platform's data or the platform itself: the staff accounts and the audit
 * trail (from the database: the embedded H2 only while the platform is stopped, PostgreSQL any time),
 * and, while it runs, its readiness, its jobs, its outbox and the headers it sends. What cannot be had
 * is NOT_CHECKED with the reason, never a pass.
 */
final class LiveChecks {

    static final String STORE = "org.openikfz.store";
    /** The first operator's name begins so (org.openikfz.backoffice StaffAccounts). */
    static final String INITIAL_OPERATOR_PREFIX = "betrieb-";

    private final Installation installation;
    private final Map<String, Object> facts = new LinkedHashMap<>();

    LiveChecks(Installation installation) {
        this.installation = installation;
    }

    /** What was found that is evidence but no pass or fail (job runs, outbox depth, …). */
    Map<String, Object> facts() {
        return facts;
    }

    List<Check> run() throws IOException {
        List<Check> checks = new ArrayList<>();
        checks.addAll(accounts());
        checks.add(auditChain());
        try {
            String metrics = fetch("/metrics");
            checks.add(readiness());
            checks.add(jobs(metrics));
            checks.add(headers());
        } catch (IOException e) {
            // the platform answers, but not as it should (e.g. a TLS handshake with its own certificate fails)
            String why = "asking the running platform failed: " + e;
            checks.add(Check.fail("live.readiness", "The running platform reports itself ready", why));
            checks.add(Check.notChecked("live.jobs", "The background jobs (transfers, deletions, decision windows) run", why));
            checks.add(Check.notChecked("live.headers", "The portal sends the protective headers", why));
        }
        return checks;
    }

    // --- the database -------------------------------------------------------------------------------------

    private Connection connect() throws IOException, SQLException {
        String url = installation.setting(STORE, "url");
        if (url == null || url.isBlank()) {
            url = "jdbc:h2:file:${openikfz.home}/data/openikfz";
        }
        url = url.replace("${openikfz.home}", installation.home().toString());
        if (url.startsWith("jdbc:h2:")) {
            // never create a database, never write: the evidence reads
            url += ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
        }
        Map<String, String> cfg = new LinkedHashMap<>();
        installation.configuration(STORE).forEach((k, v) -> cfg.put(k.toString(), v.toString()));
        String user = cfg.getOrDefault("user", url.startsWith("jdbc:h2:") ? "sa" : "");
        String password = cfg.getOrDefault(".password", cfg.getOrDefault("password", ""));
        return DriverManager.getConnection(url, user, password);
    }

    List<Check> accounts() throws IOException {
        String initialTitle = "No initial or default account is left";
        String totpTitle = "Every staff account has a second factor (TOTP)";
        Path initialFile = installation.home().resolve("data/initial-operator.txt");
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT user_name, role, totp_secret FROM staff_account ORDER BY user_name")) {
            List<String> initial = new ArrayList<>();
            List<String> withoutTotp = new ArrayList<>();
            int count = 0;
            while (r.next()) {
                count++;
                String user = r.getString(1);
                if (user.startsWith(INITIAL_OPERATOR_PREFIX)) {
                    initial.add(user);
                }
                String secret = r.getString(3);
                if (secret == null || secret.isBlank()) {
                    withoutTotp.add(user);
                }
            }
            facts.put("staffAccounts", count);
            facts.put("deploymentsAtRuntime", deployments(c));
            List<Check> checks = new ArrayList<>();
            if (Files.exists(initialFile) || !initial.isEmpty()) {
                checks.add(Check.fail("accounts.initial", initialTitle, (Files.exists(initialFile)
                        ? "data/initial-operator.txt (the first operator's password in clear) still exists; " : "")
                        + (initial.isEmpty() ? "" : "the first start's operator account " + String.join(", ", initial)
                                + " still exists — create the staff's own operator accounts, then delete it")));
            } else {
                checks.add(Check.pass("accounts.initial", initialTitle, count + " accounts; the first start's operator account and its"
                        + " password file are gone"));
            }
            checks.add(withoutTotp.isEmpty()
                    ? Check.pass("accounts.totp", totpTitle, "all " + count + " accounts have a TOTP secret (encrypted at rest);"
                            + " a login needs password and one-time code")
                    : Check.fail("accounts.totp", totpTitle, "without: " + String.join(", ", withoutTotp)));
            return checks;
        } catch (SQLException e) {
            String why = "the database could not be read (" + firstLine(e.getMessage()) + ")"
                    + (installation.setting(STORE, "url") == null || installation.setting(STORE, "url").startsWith("jdbc:h2:")
                            ? "; the embedded H2 database can be read only while the platform is stopped" : "");
            if (Files.exists(initialFile)) {
                return List.of(Check.fail("accounts.initial", initialTitle, "data/initial-operator.txt (the first operator's password"
                        + " in clear) still exists"), Check.notChecked("accounts.totp", totpTitle, why));
            }
            return List.of(Check.notChecked("accounts.initial", initialTitle, why), Check.notChecked("accounts.totp", totpTitle, why));
        }
    }

    /** Who deployed what when: the platform's audit events of bundles installed, updated, started, stopped (newest first). */
    private static List<String> deployments(Connection c) throws SQLException {
        List<String> events = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT occurred_at, event_type, detail FROM audit_event"
                + " WHERE application_id IS NULL AND event_type LIKE 'BUNDLE%' ORDER BY id DESC FETCH FIRST 200 ROWS ONLY")) {
            while (r.next()) {
                events.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
            }
        }
        return events;
    }

    /** {@code bin/openikfz audit-verify}'s verification, run as that command runs it. */
    Check auditChain() throws IOException {
        String title = "The audit trail is intact (hash chain, keyed MACs, checkpoints)";
        List<String> cp = new ArrayList<>();
        for (String part : List.of("org/openikfz/org.openikfz.store", "com/h2database", "org/postgresql")) {
            installation.jars("system").stream().filter(p -> p.toString().replace('\\', '/').contains("/" + part + "/"))
                    .findFirst().ifPresent(p -> cp.add(p.toString()));
        }
        if (cp.isEmpty()) {
            return Check.notChecked("audit.chain", title, "the store bundle is not in system/");
        }
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(javaCommand, "-cp", String.join(java.io.File.pathSeparator, cp),
                "org.openikfz.store.internal.AuditVerifyCommand", installation.home().toString()).redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Check.notChecked("audit.chain", title, "the verification did not end within 10 minutes");
            }
            String text = out.length() > 2000 ? out.substring(0, 2000) + " …" : out;
            facts.put("auditVerification", text);
            return switch (p.exitValue()) {
                case 0 -> Check.pass("audit.chain", title, text);
                case 1 -> Check.fail("audit.chain", title, text);
                default -> Check.notChecked("audit.chain", title, text);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.notChecked("audit.chain", title, "interrupted");
        }
    }

    // --- the running platform -----------------------------------------------------------------------------

    private String fetch(String path) throws IOException {
        String host = installation.setting(ConfigurationChecks.UI, "apiHost");
        String port = installation.setting(ConfigurationChecks.UI, "apiPort");
        Answer response = get(host, port, path);
        return response == null ? null : response.body();
    }

    /** An answer of the platform: status, headers (names in lower case), body. */
    record Answer(int statusCode, Map<String, String> headers, String body) {
    }

    /** GET on one of the platform's own ingresses; null when nothing answers (the platform is not running). */
    private Answer get(String host, String port, String path) throws IOException {
        if (host == null || port == null) {
            return null;
        }
        String h = host.equals("0.0.0.0") || host.isBlank() ? "127.0.0.1" : host;
        boolean tls = tlsKeyStore() != null;
        java.net.URL url = URI.create((tls ? "https://" : "http://") + (h.contains(":") ? "[" + h + "]" : h) + ":" + port + path).toURL();
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.openConnection(java.net.Proxy.NO_PROXY);
        if (c instanceof javax.net.ssl.HttpsURLConnection https) {
            https.setSSLSocketFactory(trustingOwnCertificate().getSocketFactory());
            // the certificate names the public host, the request goes to the local address: what is trusted is the
            // installation's own certificate (pinned above), whatever name it carries
            https.setHostnameVerifier((name, session) -> true);
        }
        c.setConnectTimeout(3000);
        c.setReadTimeout(10_000);
        c.setInstanceFollowRedirects(false);
        try {
            int status = c.getResponseCode();
            Map<String, String> headers = new LinkedHashMap<>();
            c.getHeaderFields().forEach((k, v) -> {
                if (k != null && !v.isEmpty()) {
                    headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0));
                }
            });
            InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = body == null ? "" : new String(body.readNBytes(1 << 20), StandardCharsets.UTF_8);
            return new Answer(status, headers, text);
        } catch (java.net.ConnectException | java.net.SocketTimeoutException e) {
            return null;
        } finally {
            c.disconnect();
        }
    }

    private Path tlsKeyStore() throws IOException {
        String keyStore = installation.setting(ConfigurationChecks.UI, "tlsKeyStore");
        if (keyStore == null || keyStore.isBlank()) {
            return null;
        }
        Path p = Path.of(keyStore.trim());
        return p.isAbsolute() ? p : installation.home().resolve(p);
    }

    /** Trusts exactly the certificates of the platform's own key store: the request goes to our own ingress. */
    private SSLContext trustingOwnCertificate() throws IOException {
        try {
            KeyStore own = KeyStore.getInstance("PKCS12");
            String password = installation.setting(ConfigurationChecks.UI, "tlsKeyStorePassword");
            try (InputStream in = Files.newInputStream(tlsKeyStore())) {
                own.load(in, password == null ? new char[0] : password.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (String alias : java.util.Collections.list(own.aliases())) {
                java.security.cert.Certificate[] chain = own.getCertificateChain(alias);
                if (chain != null) {
                    for (int i = 0; i < chain.length; i++) {
                        trust.setCertificateEntry(alias + "-" + i, chain[i]);
                    }
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the TLS key store: " + e.getMessage(), e);
        }
    }

    Check readiness() throws IOException {
        String title = "The running platform reports itself ready";
        String host = installation.setting(ConfigurationChecks.UI, "apiHost");
        String port = installation.setting(ConfigurationChecks.UI, "apiPort");
        Answer r = get(host, port, "/health/ready");
        if (r == null) {
            facts.put("running", false);
            return Check.notChecked("live.readiness", title, "the platform is not running (nothing answers on " + host + ":" + port + ")");
        }
        facts.put("running", true);
        return r.statusCode() == 200
                ? Check.pass("live.readiness", title, "/health/ready: " + r.statusCode() + " " + firstLine(r.body()))
                : Check.fail("live.readiness", title, "/health/ready: " + r.statusCode() + " " + firstLine(r.body()));
    }

    Check jobs(String metrics) {
        String title = "The background jobs (transfers, deletions, decision windows) run";
        if (metrics == null) {
            return Check.notChecked("live.jobs", title, "the platform is not running");
        }
        Map<String, String> healthy = new LinkedHashMap<>();
        Map<String, String> age = new LinkedHashMap<>();
        Map<String, String> outbox = new LinkedHashMap<>();
        Map<String, Long> states = new java.util.TreeMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("openikfz_job_healthy{")) {
                healthy.put(label(line, "job"), value(line));
            } else if (line.startsWith("openikfz_job_last_success_age_seconds{")) {
                age.put(label(line, "job"), value(line));
            } else if (line.startsWith("openikfz_applications{")) {
                // what the jobs brought to an end (aborted, completed, ...) and what is still open, by state
                states.merge(label(line, "state"), (long) Double.parseDouble(value(line)), Long::sum);
            } else if (line.startsWith("openikfz_outbox_pending")) {
                outbox.put(line.contains("{") ? line.substring(line.indexOf('{') + 1, line.indexOf('}')) : "all", value(line));
            }
        }
        facts.put("jobLastSuccessAgeSeconds", age);
        facts.put("outboxPending", outbox);
        facts.put("applicationsByState", states);
        List<String> unhealthy = healthy.entrySet().stream().filter(e -> !e.getValue().startsWith("1")).map(Map.Entry::getKey).toList();
        if (healthy.isEmpty()) {
            return Check.notChecked("live.jobs", title, "/metrics names no job");
        }
        return unhealthy.isEmpty()
                ? Check.pass("live.jobs", title, healthy.size() + " jobs healthy; seconds since each one's last success: " + age)
                : Check.fail("live.jobs", title, "unhealthy: " + String.join(", ", unhealthy) + "; seconds since last success: " + age);
    }

    Check headers() throws IOException {
        String title = "The portal sends the protective headers";
        String host = installation.setting(ConfigurationChecks.UI, "host");
        String port = installation.setting(ConfigurationChecks.UI, "port");
        Answer r = get(host, port, "/");
        if (r == null) {
            return Check.notChecked("live.headers", title, "the platform is not running");
        }
        List<String> required = new ArrayList<>(List.of("content-security-policy", "x-content-type-options", "referrer-policy"));
        if (tlsKeyStore() != null) {
            required.add("strict-transport-security");
        }
        List<String> missing = required.stream().filter(h -> !r.headers().containsKey(h)).toList();
        Map<String, String> seen = new LinkedHashMap<>();
        required.stream().filter(r.headers()::containsKey).forEach(h -> {
            String v = r.headers().get(h);
            seen.put(h, v.length() > 120 ? v.substring(0, 120) + "…" : v);
        });
        return missing.isEmpty()
                ? Check.pass("live.headers", title, "GET / answered " + r.statusCode() + " with " + seen)
                : Check.fail("live.headers", title, "GET / answered without " + missing);
    }

    private static String label(String line, String name) {
        int i = line.indexOf(name + "=\"");
        if (i < 0) {
            return "?";
        }
        int start = i + name.length() + 2;
        return line.substring(start, line.indexOf('"', start));
    }

    private static String value(String line) {
        String[] parts = line.trim().split("\\s+");
        return parts[parts.length - 1];
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
