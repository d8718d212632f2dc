package org.openikfz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.openikfz.store.api.StoreException;

class StoreSettingsTest {

    /** A configuration as DS would build it: the annotation's defaults, some overridden. */
    static StoreConfig config(Map<String, Object> overrides) {
        return (StoreConfig) Proxy.newProxyInstance(StoreConfig.class.getClassLoader(),
                new Class<?>[] {StoreConfig.class},
                (proxy, method, args) -> overrides.containsKey(method.getName())
                        ? overrides.get(method.getName())
                        : method.getDefaultValue());
    }

    @Test
    void default_is_h2_under_the_platform_home() {
        StoreSettings s = StoreSettings.from(config(Map.of()), name -> "openikfz.home".equals(name) ? "/srv/ikfz" : null);
        assertEquals("jdbc:h2:file:/srv/ikfz/data/openikfz;DB_CLOSE_ON_EXIT=FALSE", s.url());
        assertEquals(SQLDialect.H2, s.dialect());
        assertEquals("sa", s.user());
        assertNull(s.password());
        assertEquals(10, s.poolSize());
        assertEquals(30, s.timeoutSeconds());
    }

    @Test
    void home_defaults_to_the_working_directory() {
        StoreSettings s = StoreSettings.from(config(Map.of()), name -> null);
        assertEquals("jdbc:h2:file:" + Path.of("").toAbsolutePath() + "/data/openikfz;DB_CLOSE_ON_EXIT=FALSE", s.url());
    }

    @Test
    void postgres_is_picked_by_the_url_prefix() {
        StoreSettings s = StoreSettings.from(config(Map.of(
                "url", "jdbc:postgresql://db.example:5432/openikfz",
                "user", "ikfz",
                "_password", "s3cret",
                "pool_size", 20)), name -> null);
        assertEquals(SQLDialect.POSTGRES, s.dialect());
        assertEquals("s3cret", s.password());
        assertEquals(20, s.poolSize());
    }

    @Test
    void unknown_databases_are_refused() {
        StoreException e = assertThrows(StoreException.class,
                () -> StoreSettings.from(config(Map.of("url", "jdbc:mysql://x/y?password=abc")), name -> null));
        assertFalse(e.getMessage().contains("abc"), e.getMessage());
        assertThrows(StoreException.class, () -> new StoreSettings("jdbc:h2:mem:x", null, null, 0, 10));
    }

    @Test
    void the_password_never_shows() {
        StoreSettings s = new StoreSettings("jdbc:postgresql://h/db?user=u&password=topsecret&ssl=true", "u",
                "alsosecret", 5, 10);
        assertFalse(s.toString().contains("topsecret"), s.toString());
        assertFalse(s.toString().contains("alsosecret"), s.toString());
        assertTrue(s.safeUrl().contains("password=***&ssl=true"), s.safeUrl());
    }

    @Test
    void only_an_embedded_h2_database_is_this_process_s_alone() {
        assertFalse(new StoreSettings("jdbc:h2:file:/srv/ikfz/data/openikfz;DB_CLOSE_ON_EXIT=FALSE", "sa", "", 2, 10).sharedBetweenProcesses());
        assertFalse(new StoreSettings("jdbc:h2:/srv/ikfz/data/openikfz", "sa", "", 2, 10).sharedBetweenProcesses());
        assertTrue(new StoreSettings("jdbc:h2:file:/srv/ikfz/data/openikfz;AUTO_SERVER=TRUE", "sa", "", 2, 10).sharedBetweenProcesses());
        assertTrue(new StoreSettings("jdbc:h2:tcp://db:9092/openikfz", "sa", "", 2, 10).sharedBetweenProcesses());
        assertTrue(new StoreSettings("jdbc:postgresql://db/ikfz", "u", "p", 2, 10).sharedBetweenProcesses());
    }
}
