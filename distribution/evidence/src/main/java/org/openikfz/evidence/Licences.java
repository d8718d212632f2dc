package org.openikfz.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The licences a jar declares, as CycloneDX licences: the manifest's {@code Bundle-License} (OSGi syntax: clauses
 * {@code name;link=...;description=...}, comma-separated) or the {@code <licenses>} of an embedded pom.xml. A
 * name or URL becomes an SPDX id when cyclonedx-core-java's {@link LicenseResolver} knows it exactly (SPDX ids,
 * names and URLs, and its table of common spellings); otherwise it stays a named licence. One instance per SBOM:
 * it remembers what it resolved.
 */
final class Licences {

    private final Map<String, Optional<LicenseChoice>> resolved = new HashMap<>();

    /** The licences of a {@code Bundle-License} header; null when it names none. */
    LicenseChoice fromBundleLicense(String header) {
        if (header == null || header.isBlank() || header.trim().equals("<<EXTERNAL>>")) {
            return null;
        }
        List<String[]> licences = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            String name = unquote(parts.getFirst());
            if (name.isEmpty()) {
                continue;
            }
            String link = null;
            for (String attribute : parts.subList(1, parts.size())) {
                int eq = attribute.indexOf('=');
                if (eq > 0 && attribute.substring(0, eq).trim().equals("link")) {
                    link = unquote(attribute.substring(eq + 1));
                }
            }
            licences.add(new String[] {name, link});
        }
        return choice(licences);
    }

    /** The licences in a pom.xml's {@code <project><licenses>}; null when it has none or cannot be read. */
    LicenseChoice fromPomXml(byte[] pomXml) {
        if (pomXml == null) {
            return null;
        }
        Element project;
        try {
            project = Xml.parser().parse(new ByteArrayInputStream(pomXml)).getDocumentElement();
        } catch (SAXException | IOException e) {
            return null; // an unreadable pom declares nothing
        }
        List<String[]> licences = new ArrayList<>();
        for (Element list : children(project, "licenses")) {
            for (Element licence : children(list, "license")) {
                String name = text(licence, "name");
                String url = text(licence, "url");
                if (name != null || url != null) {
                    licences.add(new String[] {name, url});
                }
            }
        }
        return choice(licences);
    }

    /** Whether every licence in the choice has an SPDX id (or it is an SPDX expression). */
    static boolean isSpdx(LicenseChoice choice) {
        if (choice == null) {
            return false;
        }
        if (choice.getExpression() != null) {
            return true;
        }
        return choice.getLicenses() != null && !choice.getLicenses().isEmpty()
                && choice.getLicenses().stream().allMatch(l -> l.getId() != null);
    }

    /** name/URL pairs (either may be null) to a licence choice: SPDX ids where they map, names otherwise. */
    private LicenseChoice choice(List<String[]> licences) {
        if (licences.isEmpty()) {
            return null;
        }
        if (licences.size() == 1) {
            String[] only = licences.getFirst();
            LicenseChoice spdx = resolve(only[0]).or(() -> resolve(only[1])).orElse(null);
            if (spdx != null && spdx.getExpression() != null) {
                return spdx; // a mapped spelling of a combination, e.g. "(MIT OR Apache-2.0)"
            }
        }
        LicenseChoice choice = new LicenseChoice();
        for (String[] nameAndUrl : licences) {
            choice.addLicense(licence(nameAndUrl[0], nameAndUrl[1]));
        }
        return choice;
    }

    private License licence(String name, String url) {
        String link = isUrl(url) ? url : isUrl(name) ? name : null;
        License licence = new License();
        Optional<License> spdx = resolve(name).or(() -> resolve(url))
                .filter(c -> c.getLicenses() != null && c.getLicenses().size() == 1)
                .map(c -> c.getLicenses().getFirst());
        if (spdx.isPresent()) {
            licence.setId(spdx.get().getId());
            licence.setUrl(link != null ? link : spdx.get().getUrl());
        } else {
            licence.setName(name != null ? name : url);
            licence.setUrl(link);
        }
        return licence;
    }

    /**
     * The SPDX licence(s) of a name or URL. A URL is also tried without a trailing slash and without a
     * .txt/.html/.php ending (the same text in another format, e.g. apache.org/licenses/LICENSE-2.0.txt).
     */
    private Optional<LicenseChoice> resolve(String nameOrUrl) {
        if (nameOrUrl == null || nameOrUrl.isBlank()) {
            return Optional.empty();
        }
        return resolved.computeIfAbsent(nameOrUrl.trim(), s -> {
            LicenseChoice choice = LicenseResolver.resolve(s, false);
            if (choice == null && isUrl(s)) {
                String bare = s.replaceAll("/+$", "");
                choice = LicenseResolver.resolve(bare, false);
                String stem = bare.replaceAll("\\.(txt|html?|php)$", "");
                if (choice == null && !stem.equals(bare)) {
                    choice = LicenseResolver.resolve(stem, false);
                }
            }
            return Optional.ofNullable(choice);
        });
    }

    private static boolean isUrl(String s) {
        return s != null && (s.startsWith("http://") || s.startsWith("https://")) && s.chars().noneMatch(Character::isWhitespace);
    }

    /** Splits at separators outside double quotes. */
    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).trim() : t;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            return null;
        }
        String text = found.getFirst().getTextContent().trim().replaceAll("\\s+", " ");
        return text.isEmpty() || text.contains("${") ? null : text;
    }
}
