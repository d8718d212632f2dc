package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.Finding;
import org.openikfz.api.text.LocalizedText;

class TransferPayloadTest {

    @Test
    void jsonEscapesWhatApplicantsType() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "Müller \"Max\"\n\\");
        doc.put("internetApplication", true);
        doc.put("decision", null);
        assertEquals("{\"name\":\"Müller \\\"Max\\\"\\n\\\\\",\"internetApplication\":true,\"decision\":null}", Json.object(doc));
    }

    @Test
    void findingsSurviveTheirRoundTripThroughTheDialogData() {
        List<Finding> findings = List.of(new Finding("zb1Code", LocalizedText.of("passt\tnicht", "does not match")),
                new Finding(null, LocalizedText.of("allgemein", "general")));
        List<Finding> read = Findings.read(Findings.write(findings));
        assertEquals("zb1Code", read.get(0).fieldId());
        assertEquals("passt nicht", read.get(0).message().toString());
        assertEquals(null, read.get(1).fieldId());
    }
}
