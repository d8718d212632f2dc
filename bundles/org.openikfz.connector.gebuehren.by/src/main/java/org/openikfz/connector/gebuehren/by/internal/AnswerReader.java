package org.openikfz.connector.gebuehren.by.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.connector.support.MalformedAnswerException;

/**
 * Reads the Land Bayern's answer to an arrears query. Only a complete answer for this very query
 * counts: {@code KEIN_RUECKSTAND} without entries is clear, {@code RUECKSTAND} with at least one
 * complete entry and a payment note is found; anything else (no JSON, another {@code anfrageId}, an
 * unknown result, a missing or invalid field, entries with a clear result) is a
 * {@link MalformedAnswerException} — never clear. Error texts name the field, never a value of it.
 */
final class AnswerReader {

    static final String KEIN_RUECKSTAND = "KEIN_RUECKSTAND";
    static final String RUECKSTAND = "RUECKSTAND";

    private static final Pattern BETRAG = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");
    private static final Pattern CODE = Pattern.compile("[A-Za-z_]{1,40}");
    private static final int MAX_TEXT = 4000;

    /** One open fee as the service lists it. */
    record Rueckstand(BigDecimal betrag, String kassenzeichen, String glaeubiger, LocalDate faelligSeit) {
    }

    private final ObjectMapper json;

    AnswerReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The answer to the query {@code anfrageId}, from the API's HTTP status and body (a 401 is dealt
     * with before: the token is renewed).
     */
    ArrearsAnswer read(UUID anfrageId, int status, String body) throws ConnectorUnavailableException {
        if (status == 400) {
            // the service finds our request invalid: asking again gets the same answer
            throw new MalformedAnswerException("the service rejected the query as invalid (HTTP 400" + code(body) + ")");
        }
        if (status == 401 || status == 403) {
            throw new ConnectorUnavailableException("the service refused access (HTTP " + status + code(body) + ")");
        }
        if (status != 200) {
            throw new ConnectorUnavailableException("the service answered HTTP " + status);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new MalformedAnswerException("the answer is no valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedAnswerException("the answer is no JSON object");
        }
        if (!anfrageId.toString().equalsIgnoreCase(text(root, "anfrageId"))) {
            throw new MalformedAnswerException("the answer's anfrageId is not the query's");
        }
        String ergebnis = text(root, "ergebnis");
        JsonNode list = root.get("rueckstaende");
        switch (ergebnis) {
            case KEIN_RUECKSTAND -> {
                if (list != null && !list.isNull() && !(list.isArray() && list.isEmpty())) {
                    throw new MalformedAnswerException("ergebnis KEIN_RUECKSTAND, but rueckstaende are listed");
                }
                return ArrearsAnswer.clear();
            }
            case RUECKSTAND -> {
                if (list == null || !list.isArray() || list.isEmpty()) {
                    throw new MalformedAnswerException("ergebnis RUECKSTAND without rueckstaende");
                }
                List<Rueckstand> items = new ArrayList<>();
                for (JsonNode item : list) {
                    items.add(rueckstand(item, items.size()));
                }
                return found(items, text(root, "zahlungshinweis"));
            }
            default -> throw new MalformedAnswerException("unknown ergebnis"
                    + (CODE.matcher(ergebnis).matches() ? " " + ergebnis : ""));
        }
    }

    private static Rueckstand rueckstand(JsonNode item, int index) throws MalformedAnswerException {
        String where = "rueckstaende[" + index + "]";
        if (!item.isObject()) {
            throw new MalformedAnswerException(where + " is no object");
        }
        String betrag = text(item, "betrag", where);
        if (!BETRAG.matcher(betrag).matches() || new BigDecimal(betrag).signum() <= 0) {
            throw new MalformedAnswerException(where + ".betrag is no positive amount like 123.45");
        }
        LocalDate faelligSeit = null;
        JsonNode due = item.get("faelligSeit");
        if (due != null && !due.isNull()) {
            try {
                faelligSeit = LocalDate.parse(due.asText());
            } catch (DateTimeException e) {
                throw new MalformedAnswerException(where + ".faelligSeit is no ISO date");
            }
        }
        return new Rueckstand(new BigDecimal(betrag).setScale(2), text(item, "kassenzeichen", where),
                text(item, "glaeubiger", where), faelligSeit);
    }

    /** Found: the Land's German payment note, an English one composed from the entries, the sum and the references. */
    static ArrearsAnswer found(List<Rueckstand> items, String zahlungshinweis) {
        BigDecimal sum = items.stream().map(Rueckstand::betrag).reduce(BigDecimal.ZERO, BigDecimal::add);
        Set<String> references = new LinkedHashSet<>();
        items.forEach(i -> references.add(i.kassenzeichen()));
        StringBuilder english = new StringBuilder(
                "Fees of earlier registration procedures are outstanding with the Land of Bavaria: ");
        for (int i = 0; i < items.size(); i++) {
            Rueckstand r = items.get(i);
            english.append(i == 0 ? "" : "; ").append("EUR ").append(r.betrag().toPlainString()).append(" to ")
                    .append(r.glaeubiger()).append(" (Kassenzeichen ").append(r.kassenzeichen()).append(')');
        }
        if (items.size() > 1) {
            english.append(", in total EUR ").append(sum.toPlainString());
        }
        english.append(". Please transfer the amount quoting the Kassenzeichen; the bank details are on the fee notice "
                + "(Gebührenbescheid). Once the payment has been received, you can apply again.");
        return ArrearsAnswer.found(LocalizedText.of(zahlungshinweis, english.toString()), sum,
                String.join(", ", references));
    }

    private static String text(JsonNode node, String field) throws MalformedAnswerException {
        return text(node, field, null);
    }

    private static String text(JsonNode node, String field, String where) throws MalformedAnswerException {
        String name = where == null ? field : where + "." + field;
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedAnswerException(name + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedAnswerException(name + " is no text");
        }
        String text = value.asText().strip().replaceAll("\\p{Cntrl}", " ");
        if (text.length() > MAX_TEXT) {
            throw new MalformedAnswerException(name + " is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    /** The OAuth/REST error code of an error answer (only a plain code, never free text), for operators. */
    private String code(String body) {
        try {
            JsonNode node = json.readTree(body);
            String error = node == null ? "" : node.path("error").asText("");
            return CODE.matcher(error).matches() ? ", " + error : "";
        } catch (IOException e) {
            return "";
        }
    }
}
