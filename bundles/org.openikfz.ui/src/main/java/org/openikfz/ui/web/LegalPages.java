package org.openikfz.ui.web;

import com.vaadin.flow.server.VaadinService;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The authority's pages every public body's portal links to: Impressum, Datenschutzerklärung and
 * Erklärung zur Barrierefreiheit, as addresses from the portal's configuration (the authority keeps
 * them on its own site). The footer links those that are set.
 */
public final class LegalPages {

    /** The text keys of the pages, in the footer's order. */
    public static final String IMPRINT = "app.imprint";
    public static final String PRIVACY = "app.privacy";
    public static final String ACCESSIBILITY = "app.accessibility";

    private final Map<String, URI> pages;

    private LegalPages(Map<String, URI> pages) {
        this.pages = Map.copyOf(pages);
    }

    /**
     * The pages from their configured addresses (empty: none).
     *
     * @throws IllegalArgumentException naming the setting, when an address is not an absolute http(s) address
     */
    public static LegalPages of(String imprint, String privacy, String accessibility) {
        Map<String, URI> pages = new LinkedHashMap<>();
        put(pages, IMPRINT, "imprintUrl", imprint);
        put(pages, PRIVACY, "privacyUrl", privacy);
        put(pages, ACCESSIBILITY, "accessibilityUrl", accessibility);
        return new LegalPages(pages);
    }

    private static void put(Map<String, URI> pages, String key, String setting, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not an address: " + value.strip(), e);
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(setting + " must be an http(s) address with a host, e.g. https://www.landkreis.example/impressum: "
                    + value.strip());
        }
        pages.put(key, uri);
    }

    /** The configured pages by text key, in the footer's order. */
    public Map<String, URI> pages() {
        Map<String, URI> ordered = new LinkedHashMap<>();
        for (String key : new String[] {IMPRINT, PRIVACY, ACCESSIBILITY}) {
            if (pages.containsKey(key)) {
                ordered.put(key, pages.get(key));
            }
        }
        return ordered;
    }

    /** The pages of the running Vaadin application; none outside one. */
    public static LegalPages current() {
        VaadinService service = VaadinService.getCurrent();
        LegalPages pages = service == null ? null : service.getContext().getAttribute(LegalPages.class);
        return pages == null ? new LegalPages(Map.of()) : pages;
    }
}
