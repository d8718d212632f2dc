package org.openikfz.web.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.Authority;
import org.openikfz.api.application.Decision;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.application.FeeLine;
import org.openikfz.api.application.PublicStatus;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.Finding;
import org.openikfz.api.dialog.Choice;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.Editor;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.dialog.InputHint;
import org.openikfz.api.dialog.Notice;
import org.openikfz.api.dialog.Stop;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document against what the API sends: every response body has a schema (no bare object), and
 * the JSON the API builds for a procedure, a status, a decision, the status page and a problem sends only
 * members its schema names and every member it requires, at every depth. A member added to the JSON and not
 * to the document fails here.
 */
class OpenApiDocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JsonNode document = read();

    @Test
    void everyResponseBodyHasASchema() {
        List<String> bare = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                assertTrue(op.getValue().hasNonNull("operationId"), path.getKey() + " " + op.getKey() + " has an operationId");
                for (Map.Entry<String, JsonNode> response : op.getValue().path("responses").properties()) {
                    JsonNode r = resolve(response.getValue());
                    for (Map.Entry<String, JsonNode> content : r.path("content").properties()) {
                        JsonNode schema = resolve(content.getValue().path("schema"));
                        boolean described = content.getKey().equals("application/pdf") || schema.has("properties")
                                || schema.has("additionalProperties");
                        if (!described) {
                            bare.add(path.getKey() + " " + op.getKey() + " " + response.getKey());
                        }
                        if (!response.getKey().startsWith("2")) {
                            assertEquals("application/problem+json", content.getKey(), path.getKey() + " " + response.getKey());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), bare, "responses whose body the document does not describe");
    }

    @Test
    void aProcedureHasTheMembersOfItsSchemaAndItsTextsInTheClientsLanguage() {
        Condition wunsch = Condition.whenAny("kennzeichenWahl", "wunsch").and(Condition.whenAny("halter", "true"))
                .or(Condition.whenAny("eilig", "true"));
        ProcedureDescription d = ProcedureDescription.builder(new ProcedureId("testverfahren"), LocalizedText.of("Testverfahren", "Test procedure"))
                .summary(LocalizedText.of("Zusammenfassung", "Summary"))
                .legalBasis(List.of(new LegalBasis("FZV § 14", "Außerbetriebsetzung")))
                .applicants(Set.of(Applicant.NATURAL_PERSON, Applicant.LEGAL_PERSON))
                .identification(Identification.REQUIRED)
                .dialog(new Dialog(List.of(DialogStep.builder("fahrzeug", LocalizedText.of("Fahrzeug", "Vehicle"))
                        .intro(LocalizedText.of("Einleitung", "Intro"))
                        .notices(List.of(new Notice(Notice.Kind.WARNING, LocalizedText.of("Achtung", "Caution"))))
                        .fields(List.of(Field.required("kennzeichen", FieldType.KENNZEICHEN, LocalizedText.of("Kennzeichen", "Plate"), null),
                                Field.builder("kennzeichenWahl", FieldType.CHOICE, LocalizedText.of("Wahl", "Choice"))
                                        .help(LocalizedText.of("Hilfe", "Help"))
                                        .choices(List.of(new Choice("wunsch", LocalizedText.of("Wunsch", "Wish"))))
                                        .visibleWhen(wunsch)
                                        .build()))
                        .visibleWhen(wunsch)
                        .stops(List.of(new Stop(Condition.whenAny("halter", "false"), LocalizedText.of("Nur Halter", "Holders only"))))
                        .build())))
                .checks(List.of(CheckId.ZFZR))
                .decisionPolicy(DecisionPolicy.AUTOMATED)
                .fees(List.of(new FeeRule("224", wunsch)))
                .outputs(Set.of(Output.DECISION_DOCUMENT))
                .build();

        Map<String, Object> english = ProcedureJson.of(d, Locale.ENGLISH);
        conforms("Procedure", JSON.valueToTree(english), "procedure");
        assertEquals("testverfahren", english.get("id"));
        assertEquals("Test procedure", english.get("title"));
        assertEquals("Testverfahren", ProcedureJson.of(d, Locale.GERMAN).get("title"));
        assertTrue(JSON.valueToTree(english).toString().contains("\"label\":\"Wish\""), english.toString());
        conforms("ProcedureList", JSON.valueToTree(Map.of("procedures", List.of(english))), "list");
    }

    @Test
    void statusDecisionStatusPageAndProblemHaveTheMembersOfTheirSchemas() {
        Decision decision = new Decision("ERZ-2026-1", true, Instant.parse("2026-12-02T10:00:00Z"),
                Instant.parse("2026-12-02T10:30:00Z"), null, null, null, LocalizedText.of("Zugelassen.", "Registered."),
                "ERZ-WZ 55", LocalDate.of(2026, 12, 12));
        ApplicationStatus status = new ApplicationStatus(UUID.randomUUID(), new ProcedureId("wiederzulassung"), ApplicationState.DECIDED, 3,
                List.of(new Finding("kennzeichen", LocalizedText.of("Falsch", "Wrong"))),
                List.of(new FeeLine("224", LocalizedText.of("Gebühr", "Fee"), new java.math.BigDecimal("12.40"))), true, true, decision,
                LocalizedText.of("Weiter.", "Next."), Map.of("kennzeichen", "ERZ-AB 1"), List.of(DocumentKind.DECISION));
        conforms("Status", JSON.valueToTree(ApiServlet.status(status, Locale.ENGLISH)), "status");
        conforms("Decision", JSON.valueToTree(ApiServlet.decision(decision, Locale.ENGLISH)), "decision");
        Authority authority = new Authority("ERZ", "Landratsamt Erzgebirgskreis", List.of("Paulus-Jenisius-Straße 24",
                "09456 Annaberg-Buchholz"), "Telefon 03733 831-0");
        conforms("Authority", JSON.valueToTree(ApiServlet.authority(authority)), "authority");
        Map<String, Object> problem = new java.util.LinkedHashMap<>(ApiServlet.error("WRONG_STATE", "Not now."));
        problem.put("status", 409);
        conforms("Problem", JSON.valueToTree(problem), "problem");
        assertEquals("tag:openikfz.org,2026:problem:wrong-state", problem.get("type"));
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        PublicStatus page = new PublicStatus("ERZ-2026-1", new ProcedureId("wiederzulassung"), LocalizedText.of("Wiederzulassung", "Re-registration"),
                ApplicationState.DECIDED, at, at, LocalizedText.of("Entschieden", "Decided"), LocalizedText.of("Nichts", "Nothing"), at,
                List.of(DocumentKind.DECISION), at, at, Boolean.TRUE, authority);
        conforms("PublicStatus", JSON.valueToTree(ApiServlet.publicStatus(page, Locale.GERMAN)), "public status");
    }

    /** The document's enums list every value of the platform's enum they stand for: a generated client refuses others. */
    @Test
    void theEnumsOfTheDocumentAreThoseOfThePlatform() {
        JsonNode schemas = document.path("components").path("schemas");
        assertEquals(names(Applicant.values()), values(schemas.path("Procedure").path("properties").path("applicants").path("items")));
        assertEquals(names(Identification.values()), values(schemas.path("Procedure").path("properties").path("identification")));
        assertEquals(names(DecisionPolicy.values()), values(schemas.path("Procedure").path("properties").path("decisionPolicy")));
        assertEquals(names(Editor.values()), values(schemas.path("Field").path("properties").path("editor")));
        assertEquals(names(InputHint.values()), values(schemas.path("Field").path("properties").path("hints").path("items")));
        assertEquals(names(Notice.Kind.values()), values(schemas.path("Notice").path("properties").path("kind")));
        assertEquals(names(ApplicationState.values()), values(schemas.path("Status").path("properties").path("state")));
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).sorted().toList();
    }

    private static List<String> values(JsonNode schema) {
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(v -> values.add(v.asText()));
        return values.stream().sorted().toList();
    }

    /** The value sends only members its schema names, and all it requires (recursively through $ref, arrays and nested objects). */
    private void conforms(String schemaName, JsonNode value, String where) {
        conformsTo(document.path("components").path("schemas").path(schemaName), value, where);
    }

    private void conformsTo(JsonNode schema, JsonNode value, String where) {
        schema = resolve(schema);
        if (value == null || value.isNull()) {
            JsonNode type = schema.path("type");
            boolean nullable = type.isArray() && type.toString().contains("null") || schema.has("$ref");
            assertTrue(nullable || !schema.has("type") || type.isArray(), where + " is null, but its schema says " + schema);
            return;
        }
        if (schema.has("properties")) {
            assertTrue(value.isObject(), where + " is an object: " + value);
            Set<String> declared = new TreeSet<>();
            schema.path("properties").propertyNames().forEach(declared::add);
            Set<String> sent = new TreeSet<>();
            value.propertyNames().forEach(sent::add);
            Set<String> undeclared = new TreeSet<>(sent);
            undeclared.removeAll(declared);
            assertEquals(Set.of(), undeclared, where + ": members sent that the schema does not name");
            Set<String> missing = new TreeSet<>();
            schema.path("required").forEach(r -> missing.add(r.asText()));
            missing.removeAll(sent);
            assertEquals(Set.of(), missing, where + ": required members not sent");
            for (String member : sent) {
                conformsTo(schema.path("properties").path(member), value.get(member), where + "." + member);
            }
        } else if (schema.has("items")) {
            assertTrue(value.isArray(), where + " is an array: " + value);
            int i = 0;
            for (JsonNode item : value) {
                conformsTo(schema.path("items"), item, where + "[" + i++ + "]");
            }
        } else if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.path("enum").forEach(e -> allowed.add(e.asText()));
            assertTrue(allowed.contains(value.asText()), where + ": " + value + " is one of " + allowed);
        }
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String[] parts = node.path("$ref").asText().substring(2).split("/");
            JsonNode target = document;
            for (String part : parts) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }

    private static JsonNode read() {
        try (InputStream in = ApiServlet.class.getResourceAsStream("openapi.json")) {
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
