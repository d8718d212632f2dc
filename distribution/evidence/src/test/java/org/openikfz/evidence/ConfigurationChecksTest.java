package org.openikfz.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationChecksTest {

    @TempDir
    Path dir;

    private Map<String, Check> checks(Path home) throws Exception {
        List<Check> list = new ConfigurationChecks(Installation.at(home)).run();
        return list.stream().collect(Collectors.toMap(Check::id, Function.identity()));
    }

    @Test
    void theEmbeddedDefaultsFailHttpsTlsHstsAndSimulators() throws Exception {
        Map<String, Check> c = checks(TestHomes.home(dir, true));
        assertEquals(Check.Result.FAIL, c.get("config.https").result(), c.get("config.https").evidence());
        assertEquals(Check.Result.FAIL, c.get("config.tls-profile").result());
        assertEquals(Check.Result.FAIL, c.get("config.hsts").result());
        assertEquals(Check.Result.FAIL, c.get("config.no-simulators").result());
        // the defaults the bundle declares are what is checked when etc/ says nothing
        assertEquals(Check.Result.PASS, c.get("config.session-timeouts").result());
        assertTrue(c.get("config.session-timeouts").evidence().contains("sessionIdleSeconds = 1800"), c.get("config.session-timeouts").evidence());
        assertEquals(Check.Result.PASS, c.get("config.back-office-ingress").result());
        assertEquals(Check.Result.PASS, c.get("config.log-retention").result(), c.get("config.log-retention").evidence());
        assertEquals(Check.Result.PASS, c.get("config.dialog-retention").result());
        assertEquals(Check.Result.PASS, c.get("config.permissions").result(), c.get("config.permissions").evidence());
    }

    @Test
    void aKeyStoreTurnsHttpsTlsAndHstsOn() throws Exception {
        Path home = TestHomes.home(dir, false);
        Files.writeString(home.resolve("etc/tls.p12"), "not read by the check");
        Files.setPosixFilePermissions(home.resolve("etc/tls.p12"), PosixFilePermissions.fromString("rw-------"));
        TestHomes.etc(home, "org.openikfz.ui", "tlsKeyStore=etc/tls.p12\n");
        Map<String, Check> c = checks(home);
        for (String id : List.of("config.https", "config.tls-profile", "config.hsts", "config.no-simulators")) {
            assertEquals(Check.Result.PASS, c.get(id).result(), id + ": " + c.get(id).evidence());
        }
        TestHomes.etc(home, "org.openikfz.ui", "tlsKeyStore=etc/missing.p12\n");
        assertEquals(Check.Result.FAIL, checks(home).get("config.https").result());
        TestHomes.etc(home, "org.openikfz.ui", "tlsKeyStore=etc/tls.p12\nhstsMaxAgeSeconds=3600\n");
        assertEquals(Check.Result.FAIL, checks(home).get("config.hsts").result());
    }

    @Test
    void settingsBeyondTheLimitsFail() throws Exception {
        Path home = TestHomes.home(dir, false);
        TestHomes.etc(home, "org.openikfz.ui", "sessionIdleSeconds=7200\nmaxRequestBytes=104857600\npageRequestsPerSecond=10000\n"
                + "backOfficeHost=0.0.0.0\n");
        TestHomes.etc(home, "org.openikfz.core", "dialog.idleMinutes=120\n");
        TestHomes.etc(home, "org.ops4j.pax.logging", "log4j2.appender.text.strategy.type = DefaultRolloverStrategy\n"
                + "log4j2.appender.text.strategy.delete.name.age.age = 365d\n");
        Map<String, Check> c = checks(home);
        for (String id : List.of("config.session-timeouts", "config.body-limits", "config.rate-limits", "config.back-office-ingress",
                "config.dialog-retention", "config.log-retention")) {
            assertEquals(Check.Result.FAIL, c.get(id).result(), id + ": " + c.get(id).evidence());
        }
        TestHomes.etc(home, "org.ops4j.pax.logging", "log4j2.appender.text.strategy.type = DefaultRolloverStrategy\n");
        assertEquals(Check.Result.FAIL, checks(home).get("config.log-retention").result(), "a rolled log never deleted");
    }

    @Test
    void secretsReadableByOthersFail() throws Exception {
        Path home = TestHomes.home(dir, false);
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/audit.key"), "k");
        Files.setPosixFilePermissions(home.resolve("data"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(home.resolve("data/audit.key"), PosixFilePermissions.fromString("rw-r--r--"));
        Check c = checks(home).get("config.permissions");
        assertEquals(Check.Result.FAIL, c.result());
        assertTrue(c.evidence().contains("data/audit.key rw-r--r--"), c.evidence());
    }

    @Test
    void aSimulatorDeployedLaterFailsEvenWhenTheDescriptorHasNone() throws Exception {
        Path home = TestHomes.home(dir, false);
        TestHomes.jar(home.resolve("deploy/org.openikfz.simulator.gebuehren.sn.jar"), "x", "y");
        Check c = checks(home).get("config.no-simulators");
        assertEquals(Check.Result.FAIL, c.result());
        assertTrue(c.evidence().contains("deploy/org.openikfz.simulator.gebuehren.sn.jar"), c.evidence());
    }
}
