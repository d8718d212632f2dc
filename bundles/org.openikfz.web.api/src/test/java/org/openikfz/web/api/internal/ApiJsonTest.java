package org.openikfz.web.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.Decision;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;

/** The JSON of the machine API: documents with their addresses, the decision's plate and driving period. */
class ApiJsonTest {

    private static final UUID ID = UUID.fromString("3f1c2a9e-0b7d-4e55-9a1e-2c4d5e6f7a8b");

    @Test
    void statusListsTheDocumentsWithTheirAddresses() {
        Decision decision = new Decision("ERZ-2026-1", true, Instant.parse("2026-12-02T10:00:00Z"),
                Instant.parse("2026-12-02T10:30:00Z"), null, null, null, LocalizedText.of("Zugelassen.", "Registered."),
                "ERZ-WZ 55", LocalDate.of(2026, 12, 12));
        ApplicationStatus status = new ApplicationStatus(ID, new ProcedureId("wiederzulassung"), ApplicationState.DECIDED, 3,
                List.of(), List.of(), true, true, decision, LocalizedText.of("Weiter.", "Next."), Map.of(),
                List.of(DocumentKind.DECISION, DocumentKind.PROVISIONAL_REGISTRATION_PROOF));

        Map<String, Object> json = ApiServlet.status(status, Locale.GERMAN);

        assertEquals(List.of(
                Map.of("kind", "DECISION", "href", "/api/v1/applications/" + ID + "/documents/decision.pdf"),
                Map.of("kind", "PROVISIONAL_REGISTRATION_PROOF",
                        "href", "/api/v1/applications/" + ID + "/documents/provisional-registration.pdf")),
                json.get("documents"));
        @SuppressWarnings("unchecked")
        Map<String, Object> decided = (Map<String, Object>) json.get("decision");
        assertEquals("ERZ-WZ 55", decided.get("kennzeichen"));
        assertEquals("2026-12-12", decided.get("drivingAllowedUntil"));
    }

    @Test
    void aDecisionWithoutPlateOrProvisionalProofSaysNull() {
        Decision decision = new Decision("ERZ-2026-2", true, Instant.parse("2026-12-02T10:00:00Z"), null, null, null, null,
                LocalizedText.of("Abgemeldet.", "Deregistered."));
        Map<String, Object> json = ApiServlet.decision(decision, Locale.GERMAN);
        assertNull(json.get("kennzeichen"));
        assertNull(json.get("drivingAllowedUntil"));
        assertEquals(true, json.containsKey("drivingAllowedUntil"), "the field is there, as null");
    }

    @Test
    void everyDocumentHasAnAddress() {
        for (DocumentKind kind : DocumentKind.values()) {
            assertEquals("/api/v1/applications/" + ID + "/documents/" + kind.fileName(), ApiServlet.documentHref(ID, kind));
        }
    }
}
