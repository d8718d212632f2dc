package org.openikfz.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A written dossier: {@code dossier.json} (for machines: every check, control and fact, and the SHA-256
 * of every other file of the folder), {@code dossier.html} (the same for people), the SBOM, and
 * {@code dossier.json.sig}, the installation's Ed25519 signature over the JSON's bytes. Changing one byte
 * of any file, adding or removing a file, makes {@link #verify} fail.
 */
final class Dossier {

    static final String JSON = "dossier.json";
    static final String HTML = "dossier.html";
    static final String SIGNATURE = "dossier.json.sig";

    private Dossier() {
    }

    /** Writes the HTML and the signed JSON into dir, next to the files already there (the SBOM). */
    static void write(Path dir, Map<String, Object> content, Catalogue catalogue, List<Catalogue.Assessment> controls,
            List<Check> checks, Signature key) throws IOException {
        Files.writeString(dir.resolve(HTML), html(content, catalogue, controls, checks), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>(content);
        json.put("files", hashes(dir));
        json.put("signingKey", Map.of("algorithm", Signature.ALGORITHM,
                "publicKey", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
                "fingerprint", Signature.fingerprint(key.publicKey())));
        byte[] bytes = Json.MAPPER.writeValueAsBytes(json);
        Files.write(dir.resolve(JSON), bytes);
        Files.writeString(dir.resolve(SIGNATURE), key.sign(bytes) + "\n", StandardCharsets.US_ASCII);
    }

    /** SHA-256 of every file of the folder but the JSON and its signature, by relative path. */
    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (!name.equals(JSON) && !name.equals(SIGNATURE)) {
                    files.put(name, Signature.sha256(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    /** What {@link #verify} found. */
    record Verification(boolean intact, String fingerprint, List<String> problems) {
    }

    /**
     * Checks the signature over dossier.json (with the installation's key when one is given, else with the
     * key the dossier names — then only the printed fingerprint tells whose it is) and every file's hash.
     */
    static Verification verify(Path dir, PublicKey installationKey) throws IOException {
        List<String> problems = new ArrayList<>();
        Path json = dir.resolve(JSON);
        Path sig = dir.resolve(SIGNATURE);
        if (!Files.isRegularFile(json) || !Files.isRegularFile(sig)) {
            return new Verification(false, null, List.of(dir + " holds no signed dossier (" + JSON + " and " + SIGNATURE + ")"));
        }
        byte[] bytes = Files.readAllBytes(json);
        Map<?, ?> content;
        try {
            content = Json.MAPPER.readValue(bytes, Map.class);
        } catch (IOException e) {
            return new Verification(false, null, List.of(JSON + " is not valid JSON: " + e.getMessage()));
        }
        PublicKey key = installationKey;
        if (key == null) {
            Object named = content.get("signingKey") instanceof Map<?, ?> m ? m.get("publicKey") : null;
            if (named == null) {
                return new Verification(false, null, List.of(JSON + " names no signing key"));
            }
            key = Signature.decodePublic(Base64.getDecoder().decode(named.toString()));
        }
        String fingerprint = Signature.fingerprint(key);
        if (!Signature.verify(key, bytes, Files.readString(sig, StandardCharsets.US_ASCII))) {
            problems.add(JSON + ": the signature does not match (edited, or signed with another key)");
        }
        Map<String, String> expected = new TreeMap<>();
        if (content.get("files") instanceof Map<?, ?> files) {
            files.forEach((k, v) -> expected.put(k.toString(), v.toString()));
        }
        Map<String, String> actual = hashes(dir);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String found = actual.get(e.getKey());
            if (found == null) {
                problems.add(e.getKey() + ": missing");
            } else if (!found.equals(e.getValue())) {
                problems.add(e.getKey() + ": changed (SHA-256 " + found + ", signed " + e.getValue() + ")");
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> problems.add(k + ": not part of the signed dossier"));
        return new Verification(problems.isEmpty(), fingerprint, problems);
    }

    // --- HTML ---------------------------------------------------------------------------------------------

    private static String html(Map<String, Object> content, Catalogue catalogue, List<Catalogue.Assessment> controls,
            List<Check> checks) {
        ResourceBundle t = ResourceBundle.getBundle("org.openikfz.evidence.dossier", java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>").append(esc(t.getString("title")))
                .append(' ').append(esc(String.valueOf(content.get("district")))).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;width:100%;margin-bottom:2em}")
                .append("td,th{border:1px solid #999;padding:.3em .5em;vertical-align:top;text-align:left}")
                .append(".PASS{background:#d9f2d9}.FAIL{background:#f8d0d0}.NOT_CHECKED{background:#eee}small{color:#444}")
                .append("</style></head><body>\n");
        b.append("<h1>").append(esc(t.getString("title"))).append(": ").append(esc(String.valueOf(content.get("title")))).append("</h1>\n");
        b.append("<p>").append(esc(t.getString("district"))).append(": <b>").append(esc(String.valueOf(content.get("district"))))
                .append("</b> · ").append(esc(t.getString("created"))).append(": ").append(esc(String.valueOf(content.get("created"))))
                .append("</p>\n<p>").append(esc(summary(content.get("summary"), t))).append("</p>\n");
        b.append("<p>").append(esc(t.getString("intro"))).append("</p>\n");

        b.append("<h2>").append(esc(t.getString("controls"))).append("</h2>\n<p><small>").append(esc(catalogue.about()))
                .append("</small></p>\n<table><tr><th>ID</th><th>").append(esc(t.getString("control"))).append("</th><th>")
                .append(esc(t.getString("result"))).append("</th><th>").append(esc(t.getString("evidence"))).append("</th></tr>\n");
        for (Catalogue.Assessment a : controls) {
            Catalogue.Control c = a.control();
            b.append("<tr class=\"").append(a.result()).append("\"><td>").append(esc(c.id())).append("</td><td><b>")
                    .append(esc(c.title())).append("</b><br><small>").append(esc(String.join("; ", c.sources()))).append("<br>")
                    .append(esc(c.feature())).append("</small></td><td>").append(a.result()).append("</td><td><small>")
                    .append(esc(String.join("\n", a.evidence())).replace("\n", "<br>")).append("</small></td></tr>\n");
        }
        b.append("</table>\n<h2>").append(esc(t.getString("checks"))).append("</h2>\n<table><tr><th>ID</th><th>")
                .append(esc(t.getString("check"))).append("</th><th>").append(esc(t.getString("result"))).append("</th><th>")
                .append(esc(t.getString("evidence"))).append("</th></tr>\n");
        for (Check c : checks) {
            b.append("<tr class=\"").append(c.result()).append("\"><td>").append(esc(c.id())).append("</td><td>").append(esc(c.title()))
                    .append("</td><td>").append(c.result()).append("</td><td><small>").append(esc(c.evidence())).append("</small></td></tr>\n");
        }
        b.append("</table>\n<h2>").append(esc(t.getString("gaps"))).append("</h2>\n<table><tr><th>")
                .append(esc(t.getString("control"))).append("</th><th>").append(esc(t.getString("why"))).append("</th></tr>\n");
        for (Catalogue.Gap g : catalogue.gaps()) {
            b.append("<tr><td><b>").append(esc(g.title())).append("</b><br><small>").append(esc(String.join("; ", g.sources())))
                    .append("</small></td><td>").append(esc(g.why())).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>").append(esc(t.getString("facts"))).append("</h2>\n<pre>");
        try {
            b.append(esc(Json.MAPPER.writeValueAsString(content.get("facts"))));
        } catch (IOException e) {
            b.append(esc(String.valueOf(content.get("facts"))));
        }
        b.append("</pre>\n<p><small>").append(esc(t.getString("signed"))).append("</small></p>\n</body></html>\n");
        return b.toString();
    }

    /** "Kontrollen / Controls: 5 PASS, 2 FAIL, 13 NOT_CHECKED · …" from the summary's counts. */
    private static String summary(Object summary, ResourceBundle t) {
        if (!(summary instanceof Map<?, ?> sections)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String section : List.of("controls", "checks")) {
            if (sections.get(section) instanceof Map<?, ?> counts) {
                List<String> c = new ArrayList<>();
                counts.forEach((result, n) -> c.add(n + " " + result));
                parts.add(t.getString(section) + ": " + String.join(", ", c));
            }
        }
        return String.join(" · ", parts);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
