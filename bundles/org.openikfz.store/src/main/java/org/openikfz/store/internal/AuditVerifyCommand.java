package org.openikfz.store.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.openikfz.store.api.AuditVerification;

/**
 * {@code bin/openikfz audit-verify}: verifies the audit trail's hash chain of a distribution's
 * database without the platform, as an auditor does on the production PostgreSQL or on a copy of
 * the embedded H2 database (which the running platform keeps locked). Reads the database and the
 * key file from {@code etc/org.openikfz.store.cfg} like the platform, and compares the chain with the
 * checkpoints kept apart from the database ({@code audit.checkpointFile}).
 *
 * <p>Exit status: 0 intact, 1 not intact (the problems are printed), 2 could not verify.
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        try {
            AuditVerification result = verify(home);
            if (result.intact()) {
                System.out.printf("Audit trail intact: %d events verified%s.%n", result.verified(),
                        result.legacy() > 0 ? ", " + result.legacy() + " written before the hash chain (not verifiable)" : "");
                System.exit(0);
            }
            System.out.printf("Audit trail NOT intact (%d events checked):%n", result.verified());
            result.problems().forEach(p -> System.out.println("  - " + p));
            System.exit(1);
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("Could not verify the audit trail: " + message(e));
            System.exit(2);
        }
    }

    static AuditVerification verify(Path home) throws IOException, SQLException {
        Properties cfg = new Properties();
        Path file = home.resolve("etc/" + StoreConfig.PID + ".cfg");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                cfg.load(in);
            }
        }
        String url = cfg.getProperty("url", "jdbc:h2:file:" + StoreConfig.HOME_PLACEHOLDER + "/data/openikfz")
                .replace(StoreConfig.HOME_PLACEHOLDER, home.toString());
        if (url.startsWith("jdbc:h2:") && !url.contains("IFEXISTS")) {
            url += ";IFEXISTS=TRUE"; // verify the database that is there, never make a new empty one
        }
        Path keyFile = Path.of(cfg.getProperty("audit.keyFile", StoreConfig.HOME_PLACEHOLDER + "/data/audit.key")
                .replace(StoreConfig.HOME_PLACEHOLDER, home.toString()));
        if (!Files.exists(keyFile)) {
            throw new IOException("no audit key at " + keyFile + " (audit.keyFile in etc/" + StoreConfig.PID + ".cfg)");
        }
        AuditChain chain = new AuditChain(AuditKey.read(keyFile));
        AuditCheckpoints checkpoints = new AuditCheckpoints(Path.of(cfg.getProperty("audit.checkpointFile",
                StoreConfig.HOME_PLACEHOLDER + "/audit/checkpoints.log").replace(StoreConfig.HOME_PLACEHOLDER, home.toString())), chain);
        try (Connection connection = DriverManager.getConnection(url, cfg.getProperty("user", "sa"), cfg.getProperty(".password", ""))) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                return chain.verify(connection, checkpoints, java.time.Instant.now());
            } finally {
                connection.rollback();
            }
        }
    }

    private static String message(Exception e) {
        if (e instanceof SQLException sql && (sql.getErrorCode() == 90020 || String.valueOf(sql.getMessage()).contains("already in use"))) {
            return "the database is in use by the running platform (the embedded H2 database allows one user):"
                    + " stop it first (bin/openikfz stop) or verify a copy of data/";
        }
        // never the URL's password: the driver's messages name the database, not the credentials
        return e.getMessage();
    }
}
