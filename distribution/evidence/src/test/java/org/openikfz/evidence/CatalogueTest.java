package org.openikfz.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the control catalogue honest: every check it names is one this tool makes, every test exists. */
class CatalogueTest {

    /** The repository: this module lies in distribution/evidence. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    @Test
    void everyControlNamesAKnownCheckOrAnExistingTest() throws Exception {
        Catalogue catalogue = Catalogue.load();
        assertFalse(catalogue.controls().isEmpty());
        assertFalse(catalogue.gaps().isEmpty(), "the gaps are listed honestly");
        List<String> missing = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Catalogue.Control c : catalogue.controls()) {
            assertTrue(ids.add(c.id()), "duplicate control " + c.id());
            assertFalse(c.checks().isEmpty() && c.tests().isEmpty(), c.id() + " names neither a check nor a test");
            for (String check : c.checks()) {
                if (!Catalogue.CHECKS.contains(check)) {
                    missing.add(c.id() + ": no check " + check);
                }
            }
            for (String test : c.tests()) {
                if (!testExists(test)) {
                    missing.add(c.id() + ": no test method " + test);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theToolMakesExactlyTheChecksTheCatalogueKnows(@TempDir Path dir) throws Exception {
        Installation installation = Installation.at(TestHomes.home(dir, true));
        Set<String> made = new HashSet<>();
        new ConfigurationChecks(installation).run().forEach(c -> made.add(c.id()));
        new LiveChecks(installation).run().forEach(c -> made.add(c.id()));
        made.addAll(Set.of("sbom.valid", "sbom.licences", "build.tests", "build.static-analysis"));
        assertEquals(new java.util.TreeSet<>(Catalogue.CHECKS), new java.util.TreeSet<>(made));
    }

    @Test
    void aControlFailsWithItsCheckOrTestAndPassesOnlyOnEvidence() throws Exception {
        Catalogue catalogue = Catalogue.load();
        Map<String, Check> checks = Map.of("config.https", Check.pass("config.https", "t", "e"),
                "config.tls-profile", Check.pass("config.tls-profile", "t", "e"), "config.hsts", Check.fail("config.hsts", "t", "e"));
        assertEquals(Check.Result.FAIL, result(catalogue, checks, (c, m) -> Optional.of("PASSED"), "C01"));
        checks = Map.of("config.https", Check.pass("config.https", "t", "e"),
                "config.tls-profile", Check.pass("config.tls-profile", "t", "e"), "config.hsts", Check.pass("config.hsts", "t", "e"));
        assertEquals(Check.Result.PASS, result(catalogue, checks, (c, m) -> Optional.empty(), "C01"));
        assertEquals(Check.Result.FAIL, result(catalogue, checks, (c, m) -> Optional.of("FAILED"), "C01"), "a failed test fails it");
        // C04 has tests only: proven only by this build's passed tests
        assertEquals(Check.Result.NOT_CHECKED, result(catalogue, checks, (c, m) -> Optional.empty(), "C04"));
        assertEquals(Check.Result.PASS, result(catalogue, checks, (c, m) -> Optional.of("PASSED"), "C04"));
        assertEquals(Check.Result.NOT_CHECKED, result(catalogue, checks, (c, m) -> Optional.of("SKIPPED"), "C04"));
    }

    private static Check.Result result(Catalogue catalogue, Map<String, Check> checks,
            java.util.function.BiFunction<String, String, Optional<String>> tests, String id) {
        return catalogue.assess(checks, tests).stream().filter(a -> a.control().id().equals(id)).findFirst().orElseThrow().result();
    }

    /** The method, annotated as a test within the five lines before it, in a test source file of that class name. */
    private static boolean testExists(String reference) throws Exception {
        String[] parts = reference.split("#", 2);
        Pattern method = Pattern.compile("void\\s+" + Pattern.quote(parts[1]) + "\\s*\\(");
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(ROOT.resolve("bundles")), Files.walk(ROOT.resolve("integration-tests")))) {
            files = s.filter(p -> p.toString().contains("/src/test/java/") && p.getFileName().toString().equals(parts[0] + ".java")).toList();
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (method.matcher(lines.get(i)).find()) {
                    for (int j = Math.max(0, i - 5); j < i; j++) {
                        if (lines.get(j).contains("@Test") || lines.get(j).contains("@ParameterizedTest")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
