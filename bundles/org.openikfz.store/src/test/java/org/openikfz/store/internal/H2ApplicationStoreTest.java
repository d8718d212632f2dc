package org.openikfz.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The contract on an embedded H2 file database under target/, made new for every run. */
class H2ApplicationStoreTest extends ApplicationStoreContract {

    private StoreSettings settings;

    @Override
    protected StoreSettings settings() {
        if (settings == null) {
            Path dir = Path.of(System.getProperty("openikfz.test.dir", "target/test-db"), "h2");
            deleteRecursively(dir);
            settings = new StoreSettings("jdbc:h2:file:" + dir.toAbsolutePath() + "/openikfz;DB_CLOSE_ON_EXIT=FALSE",
                    "sa", "geheim", 4, 10);
        }
        return settings;
    }

    @Override
    protected String expectedDialect() {
        return "H2";
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
