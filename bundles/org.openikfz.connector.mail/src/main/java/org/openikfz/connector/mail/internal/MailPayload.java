package org.openikfz.connector.mail.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * One mail as the engine enqueues it for {@link org.openikfz.api.connector.TransferTarget#MAIL}:
 * {@code {"kind":"confirmation"|"decision","to":"erika@example.org","subject":"…","text":"…","reference":"ERZ-2026-00000042"}}.
 *
 * @param kind      what the mail is: {@code confirmation} of a submission or notice of a {@code decision}
 * @param to        the applicant's address (one plain address, no display name)
 * @param subject   one line (line breaks become spaces: no header can be smuggled in)
 * @param text      the plain text
 * @param reference the application's reference, or empty
 */
record MailPayload(String kind, String to, String subject, String text, String reference) {

    /** Longest text accepted; a mail to an applicant is a short notice. */
    static final int MAX_TEXT = 100_000;

    /**
     * Reads and checks the payload.
     *
     * @throws IllegalArgumentException naming what is wrong, never a value (the payload holds personal data)
     */
    static MailPayload parse(ObjectMapper json, String payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the payload is no JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the payload is no JSON object");
        }
        String kind = required(root, "kind");
        String to = required(root, "to").strip();
        String subject = required(root, "subject").replaceAll("[\\r\\n\\t]+", " ").strip();
        JsonNode textNode = root.get("text");
        if (textNode == null || !textNode.isTextual()) {
            throw new IllegalArgumentException("'text' is missing");
        }
        String text = textNode.asText();
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("'text' is longer than " + MAX_TEXT + " characters");
        }
        JsonNode ref = root.get("reference");
        String reference = ref != null && ref.isTextual() ? ref.asText().strip() : "";
        checkAddress(to);
        return new MailPayload(kind.strip(), to, subject, text, reference);
    }

    private static String required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return node.asText();
    }

    /** One plain address ({@code local@domain}), strictly by RFC 822; no display name, no group, no list. */
    private static void checkAddress(String to) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(to, true);
            if (parsed.length != 1 || parsed[0].isGroup() || !parsed[0].getAddress().equals(to)
                    || to.indexOf('@') <= 0 || to.endsWith("@")) {
                throw new IllegalArgumentException("'to' is not one plain e-mail address");
            }
            parsed[0].validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("'to' is not a valid e-mail address");
        }
    }

    /** The mail holds personal data: the address masked, no subject or text. */
    @Override
    public String toString() {
        return "MailPayload[" + kind + ", " + Addresses.mask(to) + ", " + reference + "]";
    }
}
