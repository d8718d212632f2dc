package org.openikfz.api.application;

import java.util.List;
import java.util.Objects;

/**
 * The registration authority (Zulassungsbehörde) this portal serves, as applicants see it: named in
 * the dialog, on the status page and in confirmations.
 *
 * @param key     its Unterscheidungszeichen, e.g. {@code ERZ}
 * @param name    its name as printed on documents, e.g. "Landratsamt Erzgebirgskreis – Zulassungsbehörde"
 * @param address its postal address, one line each (may be empty)
 * @param contact how to reach it (telephone, e-mail, opening hours), as configured; empty when not configured
 * @since 1.5
 */
public record Authority(String key, String name, List<String> address, String contact) {
    public Authority {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        address = address == null ? List.of() : List.copyOf(address);
        contact = contact == null ? "" : contact;
    }
}
