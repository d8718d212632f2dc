package org.openikfz.api.backoffice;

import java.util.List;

/**
 * A bundle of the running platform as operators see it.
 *
 * @param kind       what it adds: {@code procedure}, {@code check}, {@code connector}, {@code simulator}, {@code platform}
 * @param state      the OSGi state, e.g. {@code ACTIVE}
 * @param source     where it came from: {@code feature} or {@code deploy/<file>}
 * @param components its Declarative Services components with their state
 * @param healthy    active, and every component satisfied
 */
public record InstalledBundle(String symbolicName, String version, String kind, String state, String source,
        List<String> components, boolean healthy) {

    public InstalledBundle {
        components = List.copyOf(components);
    }
}
