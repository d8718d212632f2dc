package org.openikfz.store.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jooq.SQLDialect;
import org.openikfz.store.api.StoreException;

/**
 * The resolved configuration: placeholders expanded, dialect chosen by the URL's prefix.
 * {@link #toString()} never shows the password.
 */
record StoreSettings(String url, String user, String password, int poolSize, int timeoutSeconds) {

    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password=)[^;&]*");

    StoreSettings {
        Objects.requireNonNull(url, "url");
        if (poolSize < 1) {
            throw new StoreException("pool.size must be at least 1, is " + poolSize);
        }
        if (timeoutSeconds < 1) {
            throw new StoreException("pool.timeout must be at least 1 s, is " + timeoutSeconds);
        }
        dialectOf(url); // fails early on a URL of an unsupported database
    }

    /**
     * @param properties looks up framework properties ({@code BundleContext::getProperty}, which
     *                   falls back to system properties); may return {@code null}
     */
    static StoreSettings from(StoreConfig config, UnaryOperator<String> properties) {
        String url = config.url().trim().replace(StoreConfig.HOME_PLACEHOLDER, home(properties));
        return new StoreSettings(url, blankToNull(config.user()), blankToNull(config._password()),
                config.pool_size(), config.pool_timeout());
    }

    /** The audit key file of the configuration, {@code ${openikfz.home}} expanded. */
    static Path auditKeyFile(StoreConfig config, UnaryOperator<String> properties) {
        return Path.of(config.audit_keyFile().trim().replace(StoreConfig.HOME_PLACEHOLDER, home(properties)));
    }

    /** The audit checkpoint file of the configuration, {@code ${openikfz.home}} expanded. */
    static Path checkpointFile(StoreConfig config, UnaryOperator<String> properties) {
        return Path.of(config.audit_checkpointFile().trim().replace(StoreConfig.HOME_PLACEHOLDER, home(properties)));
    }

    private static String home(UnaryOperator<String> properties) {
        String home = properties.apply(StoreConfig.HOME_PROPERTY);
        return home == null || home.isBlank() ? Path.of("").toAbsolutePath().toString() : home;
    }

    SQLDialect dialect() {
        return dialectOf(url);
    }

    /**
     * Whether other processes may open the database too: PostgreSQL and H2 over the network ({@code tcp:}, {@code ssl:})
     * or with {@code AUTO_SERVER}; not an embedded H2 file or in-memory database, which H2 opens for this process alone.
     */
    boolean sharedBetweenProcesses() {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return true;
        }
        return lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:") || lower.replace(" ", "").contains(";auto_server=true");
    }

    /** The URL with any password parameter masked, for messages and logs. */
    String safeUrl() {
        return URL_SECRET.matcher(url).replaceAll("$1***");
    }

    static SQLDialect dialectOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return SQLDialect.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return SQLDialect.POSTGRES;
        }
        throw new StoreException("Unsupported JDBC URL (the store knows jdbc:h2: and jdbc:postgresql:): "
                + URL_SECRET.matcher(url).replaceAll("$1***"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "StoreSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", poolSize=" + poolSize + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}
