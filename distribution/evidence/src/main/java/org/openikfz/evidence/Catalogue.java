package org.openikfz.evidence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The control catalogue ({@code controls.json}): each requirement mapped to the feature, the checks of
 * this tool and the tests that prove it, and the gaps. {@link #assess} turns a dossier's checks and the
 * build's test results into a result per control.
 */
final class Catalogue {

    /** Every check id this tool produces; the catalogue may name only these (CatalogueTest keeps both in step). */
    static final Set<String> CHECKS = Set.of(
            "config.https", "config.tls-profile", "config.hsts", "config.back-office-ingress", "config.session-timeouts",
            "config.body-limits", "config.rate-limits", "config.permissions", "config.log-retention", "config.dialog-retention",
            "config.no-simulators", "accounts.initial", "accounts.totp", "audit.chain", "live.readiness", "live.jobs",
            "live.headers", "sbom.valid", "sbom.licences", "build.tests", "build.static-analysis");

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Control(String id, String title, List<String> sources, String feature, List<String> checks, List<String> tests) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Gap(String title, List<String> sources, String why) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Document(String about, List<Control> controls, List<Gap> gaps) {
    }

    /** A control's result for one dossier, with what decided it. */
    record Assessment(Control control, Check.Result result, List<String> evidence) {
    }

    private final Document document;

    private Catalogue(Document document) {
        this.document = document;
    }

    static Catalogue load() throws IOException {
        try (InputStream in = Catalogue.class.getResourceAsStream("controls.json")) {
            if (in == null) {
                throw new IOException("controls.json is missing from the tool");
            }
            return new Catalogue(Json.MAPPER.readValue(in, Document.class));
        }
    }

    String about() {
        return document.about();
    }

    List<Control> controls() {
        return document.controls();
    }

    List<Gap> gaps() {
        return document.gaps();
    }

    /**
     * FAIL when a check or a test of the control failed; PASS when its checks all passed, or, for a control
     * with no check, when its tests all ran and passed for this build; NOT_CHECKED otherwise.
     *
     * @param testResult the result of {@code Class#method} in this build's reports (PASSED, FAILED, ERROR,
     *     SKIPPED), empty when it did not run
     */
    List<Assessment> assess(Map<String, Check> checks, BiFunction<String, String, Optional<String>> testResult) {
        List<Assessment> result = new ArrayList<>();
        for (Control c : controls()) {
            List<String> evidence = new ArrayList<>();
            boolean failed = false;
            boolean allChecksPassed = !c.checks().isEmpty();
            for (String id : c.checks()) {
                Check check = checks.get(id);
                if (check == null) {
                    allChecksPassed = false;
                    evidence.add(id + ": not run");
                    continue;
                }
                evidence.add(id + ": " + check.result());
                failed |= check.result() == Check.Result.FAIL;
                allChecksPassed &= check.result() == Check.Result.PASS;
            }
            boolean allTestsPassed = !c.tests().isEmpty();
            for (String test : c.tests()) {
                String[] parts = test.split("#", 2);
                Optional<String> r = testResult.apply(parts[0], parts[1]);
                evidence.add(test + ": " + r.orElse("not in this build's reports"));
                failed |= r.filter(x -> x.equals("FAILED") || x.equals("ERROR")).isPresent();
                allTestsPassed &= r.filter("PASSED"::equals).isPresent();
            }
            Check.Result verdict = failed ? Check.Result.FAIL
                    : allChecksPassed || (c.checks().isEmpty() && allTestsPassed) ? Check.Result.PASS : Check.Result.NOT_CHECKED;
            result.add(new Assessment(c, verdict, evidence));
        }
        return result;
    }
}
