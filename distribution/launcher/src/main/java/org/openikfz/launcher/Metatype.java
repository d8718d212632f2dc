package org.openikfz.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The configurations the bundles of a build declare (OSGi Metatype, {@code OSGI-INF/metatype/*.xml} in each
 * jar, which bnd writes from {@code @ObjectClassDefinition} and {@code @Designate}): for each PID and
 * factory PID, its keys with their types. A district's configuration is checked against it, so a misspelt
 * PID or key fails the build instead of being ignored at run time.
 */
final class Metatype {

    /** One key of a configuration: its metatype type ({@code String}, {@code Integer}, ...) and cardinality. */
    record Attribute(String id, String type, int cardinality) {
    }

    /** PID (or factory PID) to its keys. */
    private final Map<String, Map<String, Attribute>> pids = new HashMap<>();
    private final Map<String, Map<String, Attribute>> factoryPids = new HashMap<>();

    /** Reads the metatype of every jar. */
    static Metatype of(List<Path> jars) throws IOException {
        Metatype metatype = new Metatype();
        for (Path jar : jars) {
            metatype.read(jar);
        }
        return metatype;
    }

    /** The keys of a configuration PID ({@code pid} or {@code factoryPid~name}); {@code null} when no bundle declares it. */
    Map<String, Attribute> keys(String pid) {
        int tilde = pid.indexOf('~');
        return tilde < 0 ? pids.get(pid) : factoryPids.get(pid.substring(0, tilde));
    }

    /** Every PID the build declares, factory PIDs as {@code factoryPid~…}. */
    List<String> known() {
        TreeSet<String> all = new TreeSet<>(pids.keySet());
        factoryPids.keySet().forEach(f -> all.add(f + "~…"));
        return new ArrayList<>(all);
    }

    private void read(Path path) throws IOException {
        try (JarFile jar = new JarFile(path.toFile())) {
            Map<String, Map<String, Attribute>> ocds = new HashMap<>();
            List<Element> designates = new ArrayList<>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        Document document = parser().parse(in);
                        for (Element ocd : elements(document, "OCD")) {
                            Map<String, Attribute> keys = new LinkedHashMap<>();
                            for (Element ad : elements(ocd, "AD")) {
                                String cardinality = ad.getAttribute("cardinality");
                                keys.put(ad.getAttribute("id"), new Attribute(ad.getAttribute("id"),
                                        ad.getAttribute("type").isEmpty() ? "String" : ad.getAttribute("type"),
                                        cardinality.isEmpty() ? 0 : Integer.parseInt(cardinality)));
                            }
                            ocds.put(ocd.getAttribute("id"), Collections.unmodifiableMap(keys));
                        }
                        designates.addAll(elements(document, "Designate"));
                    } catch (SAXException | ParserConfigurationException ex) {
                        throw new IOException(path.getFileName() + ": " + entry.getName() + " is no metatype document: " + ex.getMessage(), ex);
                    }
                }
            }
            for (Element designate : designates) {
                for (Element object : elements(designate, "Object")) {
                    Map<String, Attribute> keys = ocds.get(object.getAttribute("ocdref"));
                    if (keys == null) {
                        continue;
                    }
                    if (!designate.getAttribute("factoryPid").isEmpty()) {
                        factoryPids.put(designate.getAttribute("factoryPid"), keys);
                    } else if (!designate.getAttribute("pid").isEmpty()) {
                        pids.put(designate.getAttribute("pid"), keys);
                    }
                }
            }
        }
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }

    /** The elements of that local name, in any namespace (metatype 1.0 to 1.4 differ only in it). */
    private static List<Element> elements(Object parent, String localName) {
        NodeList nodes = parent instanceof Document d ? d.getElementsByTagNameNS("*", localName)
                : ((Element) parent).getElementsByTagNameNS("*", localName);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
