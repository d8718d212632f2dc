package org.openikfz.api.application;

import java.util.Objects;
import java.util.UUID;

/**
 * Names an application and proves the right to see it: the engine hands it out when the
 * application is opened, and answers only to the same id with the same access token (citizens see
 * only their own applications). Never logged: {@link #toString()} hides the token.
 *
 * @param id          the application
 * @param accessToken an unguessable secret bound to the application
 */
public record ApplicationRef(UUID id, String accessToken) {
    public ApplicationRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "ApplicationRef[" + id + "]";
    }
}
