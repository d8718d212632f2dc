package org.openikfz.web.support;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The machine API's errors as RFC 9457 problems ({@code application/problem+json}): {@code type} (a tag URI per kind
 * of problem), {@code title} (the same for every problem of a kind), {@code status}, {@code detail} in the client's
 * language, and the members version 1 of the API has always had, {@code error} (the kind) and {@code message} (the
 * same text as the detail). One form for every error of the API's port: those of the API itself and those Jetty
 * answers before or outside it (an unknown address, a body or a header over the limit, a malformed request, the rate
 * limit).
 */
public final class Problems {

    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The prefix of the problem types' URIs (RFC 4151 tag URIs: names, not addresses to look up). */
    public static final String TYPE_PREFIX = "tag:openikfz.org,2026:problem:";

    /** The short titles of the kinds (RFC 9457 {@code title}). */
    private static final Map<String, String> TITLES = Map.ofEntries(Map.entry("NOT_FOUND", "Not found"),
            Map.entry("UNAVAILABLE", "Not available right now"), Map.entry("WRONG_STATE", "Not in this state of the application"),
            Map.entry("INVALID", "Invalid input"), Map.entry("TOO_MANY_REQUESTS", "Too many requests"),
            Map.entry("BAD_REQUEST", "Bad request"), Map.entry("GONE", "Gone"), Map.entry("METHOD_NOT_ALLOWED", "Method not allowed"),
            Map.entry("PAYLOAD_TOO_LARGE", "Request too large"), Map.entry("INTERNAL", "Internal error"));

    private Problems() {
    }

    /** The type URI of a kind of problem ({@code NOT_FOUND}: {@code …:problem:not-found}). */
    public static String type(String error) {
        return TYPE_PREFIX + error.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The title of a kind of problem. */
    public static String title(String error) {
        return TITLES.getOrDefault(error, error);
    }

    /** Whether a client asked for English rather than German (see {@link ClientLanguage}). */
    static boolean english(String acceptLanguage) {
        return ClientLanguage.of(acceptLanguage, Set::of) == Locale.ENGLISH;
    }

    /**
     * What Jetty refused before the API read the request, by status: the kind and the text in German and English.
     */
    static String[] refusal(int status) {
        return switch (status) {
            case 404 -> new String[] {"NOT_FOUND", "Diese Adresse gibt es nicht.", "No such resource."};
            case 405 -> new String[] {"METHOD_NOT_ALLOWED", "Diese Methode ist hier nicht erlaubt.", "This method is not allowed here."};
            case 413 -> new String[] {"PAYLOAD_TOO_LARGE", "Die Anfrage ist zu groß.", "The request is too large."};
            case 414, 431 -> new String[] {"BAD_REQUEST", "Die Adresse oder die Kopfzeilen der Anfrage sind zu lang.",
                    "The request's address or headers are too long."};
            case 429 -> new String[] {"TOO_MANY_REQUESTS", TooManyRequests.GERMAN, TooManyRequests.ENGLISH};
            case 503 -> new String[] {"UNAVAILABLE", "Der Dienst ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut.",
                    "The service is not available right now. Please try again later."};
            default -> status >= 500
                    ? new String[] {"INTERNAL", "Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.",
                            "Something went wrong on our side. Please try again later."}
                    : new String[] {"BAD_REQUEST", "Die Anfrage ist fehlerhaft und wurde nicht bearbeitet.",
                            "The request is malformed and was not processed."};
        };
    }

    /**
     * A problem's JSON. {@code reference}, when not null, is the error's reference in the platform's log: a member of
     * its own and named at the end of the detail, for the client to quote.
     */
    static String json(int status, String error, String detail, String reference) {
        StringBuilder out = new StringBuilder(256).append('{');
        member(out, "type", type(error)).append(',');
        member(out, "title", title(error)).append(",\"status\":").append(status).append(',');
        member(out, "detail", detail).append(',');
        member(out, "error", error).append(',');
        member(out, "message", detail);
        if (reference != null) {
            member(out.append(','), "reference", reference);
        }
        return out.append('}').toString();
    }

    private static StringBuilder member(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
