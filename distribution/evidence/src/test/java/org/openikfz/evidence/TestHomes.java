package org.openikfz.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/** Small installations for the tests: a district descriptor, a bundle declaring the UI's defaults, etc/ files. */
final class TestHomes {

    private TestHomes() {
    }

    /** An installation of district "test" with simulators as asked, its UI bundle declaring the platform's defaults. */
    static Path home(Path dir, boolean simulators) throws IOException {
        Files.createDirectories(dir.resolve("system/org/openikfz/org.openikfz.ui/1.0.0"));
        Files.writeString(dir.resolve("system/district.json"), "{\"district\":\"test\",\"title\":\"Test district\",\"simulators\":"
                + simulators + "}");
        jar(dir.resolve("system/org/openikfz/org.openikfz.ui/1.0.0/org.openikfz.ui-1.0.0.jar"), "OSGI-INF/metatype/org.openikfz.ui.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
                  <OCD id="org.openikfz.ui.UiConfig" name="UI">
                    <AD id="host" type="String" default="127.0.0.1"/>
                    <AD id="port" type="Integer" default="8080"/>
                    <AD id="backOfficeHost" type="String" default="127.0.0.1"/>
                    <AD id="backOfficePort" type="Integer" default="8081"/>
                    <AD id="apiHost" type="String" default="127.0.0.1"/>
                    <AD id="apiPort" type="Integer" default="1"/>
                    <AD id="tlsKeyStore" type="String" default=""/>
                    <AD id="hstsMaxAgeSeconds" type="Long" default="31536000"/>
                    <AD id="apiRequestsPerSecond" type="Integer" default="20"/>
                    <AD id="pageRequestsPerSecond" type="Integer" default="50"/>
                    <AD id="sessionsPerAddress" type="Integer" default="100"/>
                    <AD id="sessionIdleSeconds" type="Integer" default="1800"/>
                    <AD id="backOfficeSessionIdleSeconds" type="Integer" default="1800"/>
                    <AD id="maxRequestBytes" type="Long" default="1048576"/>
                  </OCD>
                  <OCD id="org.openikfz.core.internal.EngineConfig" name="Engine">
                    <AD id="dialog.idleMinutes" type="Integer" default="30"/>
                  </OCD>
                  <Designate pid="org.openikfz.ui"><Object ocdref="org.openikfz.ui.UiConfig"/></Designate>
                  <Designate pid="org.openikfz.core"><Object ocdref="org.openikfz.core.internal.EngineConfig"/></Designate>
                </metatype:MetaData>
                """);
        Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/openikfz"), "jvm+=(-Djdk.tls.rejectClientInitiatedRenegotiation=true)\n");
        etc(dir, "org.ops4j.pax.logging", """
                log4j2.appender.text.strategy.type = DefaultRolloverStrategy
                log4j2.appender.text.strategy.delete.name.age.age = 180d
                """);
        return dir;
    }

    /** Writes etc/&lt;pid&gt;.cfg for the platform's user only. */
    static void etc(Path home, String pid, String content) throws IOException {
        Path file = home.resolve("etc/" + pid + ".cfg");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(home.resolve("etc"), PosixFilePermissions.fromString("rwx------"));
    }

    static void jar(Path file, String entry, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new ZipEntry(entry));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
