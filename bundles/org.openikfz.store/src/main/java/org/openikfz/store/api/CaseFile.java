package org.openikfz.store.api;

import java.util.Map;

/**
 * A case with its dialog data, read together in one query.
 *
 * @param data the dialog data by key (personal data), empty once deleted
 * @since 1.2
 */
public record CaseFile(Case state, Map<String, String> data) {

    public CaseFile {
        data = Map.copyOf(data);
    }
}
