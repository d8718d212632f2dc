package org.openikfz.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.Case;

/**
 * A plate held for an application (a Wunschkennzeichen, reserved as soon as it is answered, or a plate assigned at the
 * verification; check {@link CheckId#KENNZEICHEN_ZUTEILUNG}, by the plate allocation in the authority's Fachverfahren) is
 * given back when the application ends without a registration: withdrawn, aborted after the third correction, deleted
 * as abandoned, or refused by a clerk. Otherwise it stays reserved for an application that no longer exists, and the applicant who starts again
 * is told that their own plate is taken. The Fachverfahren is told through the outbox, in the transaction that ends the
 * application: delivered exactly once, and again while it is down. The message names the application, the authority and
 * the reference, no personal data.
 */
final class PlateRelease {

    /** The message's {@code kind} (and label) for the Fachverfahren. */
    static final String KIND = "kennzeichen-freigabe";

    private PlateRelease() {
    }

    /**
     * Queues the release when the procedure has plates allocated and the applicant answered anything (nothing can be held
     * for an application without answers).
     *
     * @param description the application's procedure, or {@code null} when it is not deployed (nothing is queued)
     * @param data the application's dialog data before the end (its answers)
     */
    static void queue(ApplicationStore s, Case c, ProcedureDescription description, Map<String, String> data) {
        if (description == null || !description.checks().contains(CheckId.KENNZEICHEN_ZUTEILUNG)
                || DialogRules.answersOf(data).values().isEmpty()) {
            return;
        }
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("kind", KIND);
        release.put("application", c.id().toString());
        release.put("authority", c.authorityId());
        release.put("reference", c.reference());
        s.enqueue(c.id(), TransferTarget.FACHVERFAHREN, KIND, Json.object(release));
    }
}
