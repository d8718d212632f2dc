package org.openikfz.api.backoffice;

import java.time.Instant;

/** Something that happened to the platform, e.g. a bundle deployed into {@code deploy/}. */
public record PlatformEvent(Instant at, String type, String detail) {
}
