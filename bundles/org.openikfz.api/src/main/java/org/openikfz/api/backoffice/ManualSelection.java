package org.openikfz.api.backoffice;

import java.time.Instant;

/**
 * The regular manual selection of the Vorbehalt der Nachprüfung (FZV § 23(3)): when a supervisor
 * last selected a decision by hand, and whether the authority's interval has passed since.
 *
 * @param last         the last manual selection, {@code null} if none yet
 * @param intervalDays how often the authority selects by hand (configuration)
 * @param due          whether a manual selection is due now
 */
public record ManualSelection(Instant last, int intervalDays, boolean due) {
}
