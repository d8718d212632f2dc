package org.openikfz.evidence;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/openikfz evidence}: the security evidence dossier of this district build, for its auditor.
 *
 * <pre>
 * evidence [--home DIR] [--out DIR] [--build-reports DIR]   write evidence/&lt;district&gt;-&lt;date&gt;/; exit 0 when nothing failed,
 *                                                       1 when a check or control failed, 2 when no dossier could be written
 * evidence --verify DIR [--home DIR]                    exit 0 when the dossier is intact and signed, 1 when not
 * </pre>
 *
 * The build's test and static analysis reports are read from {@code evidence/build/} of the installation
 * (a build made with {@code ./mvnw -Pevidence} puts them there) or from {@code --build-reports}.
 */
public final class Evidence {

    private final PrintStream out;

    Evidence(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new Evidence(System.out).run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("evidence: " + e.getMessage());
            System.err.println("usage: bin/openikfz evidence [--out DIR] [--build-reports DIR] | evidence --verify DIR");
            status = 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("evidence: no dossier could be written: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    int run(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!List.of("--home", "--out", "--build-reports", "--verify").contains(a) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option " + a);
            }
            options.put(a, args[++i]);
        }
        Path home = Path.of(options.getOrDefault("--home", System.getProperty("openikfz.home", "."))).toAbsolutePath().normalize();
        if (options.containsKey("--verify")) {
            return verify(Path.of(options.get("--verify")), home);
        }
        Installation installation = Installation.at(home);
        Path dir = options.containsKey("--out") ? Path.of(options.get("--out")) : folder(home, installation.district());
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(Dossier.JSON))) {
            throw new IllegalArgumentException(dir + " already holds a dossier");
        }

        List<Check> checks = new ArrayList<>(new ConfigurationChecks(installation).run());
        LiveChecks live = new LiveChecks(installation);
        checks.addAll(live.run());
        Sbom.Result sbom = Sbom.write(home, dir.resolve("sbom.cdx.json"));
        checks.addAll(sbom.checks());
        Path reports = options.containsKey("--build-reports") ? Path.of(options.get("--build-reports")) : home.resolve("evidence/build");
        BuildEvidence build = BuildEvidence.read(reports);
        checks.addAll(build.checks());

        Map<String, Check> byId = new LinkedHashMap<>();
        checks.forEach(c -> byId.put(c.id(), c));
        Catalogue catalogue = Catalogue.load();
        List<Catalogue.Assessment> controls = catalogue.assess(byId, build::resultOf);

        Map<String, Object> facts = new LinkedHashMap<>(live.facts());
        facts.put("deployed", deployed(home));
        facts.put("sbomComponents", sbom.components());
        facts.put("testsRun", build.tests().size());
        facts.put("staticAnalysisFindings", build.findings().size());
        facts.put("buildReports", Files.isDirectory(reports) ? reports.toString() : "none");

        long failedChecks = checks.stream().filter(c -> c.result() == Check.Result.FAIL).count();
        long failedControls = controls.stream().filter(a -> a.result() == Check.Result.FAIL).count();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("format", "openikfz-evidence/1");
        content.put("district", installation.district());
        content.put("title", installation.title());
        content.put("created", Instant.now().toString());
        content.put("summary", Map.of(
                "controls", counts(controls.stream().map(Catalogue.Assessment::result).toList()),
                "checks", counts(checks.stream().map(Check::result).toList())));
        content.put("checks", checks);
        List<Map<String, Object>> controlRows = new ArrayList<>();
        for (Catalogue.Assessment a : controls) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", a.control().id());
            row.put("title", a.control().title());
            row.put("sources", a.control().sources());
            row.put("feature", a.control().feature());
            row.put("result", a.result());
            row.put("evidence", a.evidence());
            controlRows.add(row);
        }
        content.put("controls", controlRows);
        content.put("gaps", catalogue.gaps());
        content.put("facts", facts);

        Signature key = Signature.ofInstallation(home);
        Dossier.write(dir, content, catalogue, controls, checks, key);

        out.printf("Evidence dossier of district '%s' written to %s%n", installation.district(), dir);
        out.printf("  controls: %s%n  checks:   %s%n", counts(controls.stream().map(Catalogue.Assessment::result).toList()),
                counts(checks.stream().map(Check::result).toList()));
        for (Check c : checks) {
            if (c.result() != Check.Result.PASS) {
                out.printf("  %-11s %-28s %s%n", c.result(), c.id(), c.evidence().length() > 160 ? c.evidence().substring(0, 160) + "…" : c.evidence());
            }
        }
        out.printf("  signed with the installation's key %s%n", Signature.fingerprint(key.publicKey()));
        return failedChecks + failedControls > 0 ? 1 : 0;
    }

    private int verify(Path dir, Path home) throws IOException {
        var key = Signature.installationKey(home);
        Dossier.Verification v = Dossier.verify(dir, key);
        if (v.intact()) {
            out.printf("Dossier %s is intact, signed with the key %s%s%n", dir, v.fingerprint(),
                    key == null ? " (the key the dossier names: compare the fingerprint with the installation's)"
                            : " (this installation's)");
            return 0;
        }
        out.printf("Dossier %s is NOT intact:%n", dir);
        v.problems().forEach(p -> out.println("  - " + p));
        return 1;
    }

    /** evidence/&lt;district&gt;-&lt;date&gt;, with the time added when that exists already. */
    private static Path folder(Path home, String district) {
        Path base = home.resolve("evidence");
        Path dir = base.resolve(district + "-" + LocalDate.now(ZoneOffset.UTC));
        if (Files.exists(dir)) {
            dir = base.resolve(district + "-" + DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        }
        return dir;
    }

    private static Map<String, Long> counts(List<Check.Result> results) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Check.Result r : Check.Result.values()) {
            m.put(r.name(), results.stream().filter(r::equals).count());
        }
        return m;
    }

    /** The bundles of system/ and deploy/: when they were put there and by whom (the file's owner). */
    private static List<Map<String, Object>> deployed(Path home) throws IOException {
        List<Map<String, Object>> result = new ArrayList<>();
        for (String folder : List.of("system", "deploy")) {
            for (Path jar : Installation.jars(home.resolve(folder))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("file", home.relativize(jar).toString().replace('\\', '/'));
                row.put("bytes", Files.size(jar));
                FileTime modified = Files.getLastModifiedTime(jar);
                row.put("modified", modified.toInstant().toString());
                row.put("owner", Files.getOwner(jar).getName());
                result.add(row);
            }
        }
        return result;
    }
}
