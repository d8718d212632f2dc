package org.openikfz.web.api.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.Authority;
import org.openikfz.api.application.PublicStatus;
import org.openikfz.api.application.Decision;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.application.FeeLine;
import org.openikfz.api.check.Finding;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.web.support.ClientLanguage;
import org.openikfz.web.support.ErrorReferences;
import org.openikfz.api.application.ProcedureCatalog;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.web.support.Problems;
import org.openikfz.web.support.PublicAddress;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine API under {@code /api/v1}: the same engine and rules as the citizen dialog. An
 * application is reached only with the token handed out when it was opened ({@code Authorization:
 * Bearer <token>}); errors are JSON with a message in the language of {@code Accept-Language}
 * (German by default), never a stack trace. The OpenAPI document is {@code /api/openapi.json}.
 */
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** An application and what of it: {@code /answers}, {@code /decision.pdf}, {@code /documents/provisional-registration.pdf}, … */
    private static final Pattern APPLICATION = Pattern.compile("/v1/applications/([0-9a-fA-F-]{36})(/[a-z0-9./-]+)?");
    private static final String DOCUMENTS = "/documents/";
    /** The method each fixed address takes (any other is 405 with {@code Allow}, RFC 9110 § 15.5.6). */
    private static final Map<String, String> FIXED = Map.of("/openapi.json", "GET", "/v1/procedures", "GET", "/v1/authority", "GET",
            "/v1/status", "POST", "/v1/applications", "POST");
    /** The method each address of an application takes, by what of it (a document's: GET); any other address of it is 404. */
    private static final Map<String, String> ACTIONS = Map.ofEntries(Map.entry("", "GET"), Map.entry("/answers", "PUT"),
            Map.entry("/identification", "POST"), Map.entry("/identification/complete", "POST"), Map.entry("/confirmations", "PUT"),
            Map.entry("/verify", "POST"), Map.entry("/payment", "POST"), Map.entry("/submit", "POST"), Map.entry("/withdraw", "POST"),
            Map.entry("/decision", "GET"), Map.entry("/decision.pdf", "GET"));

    private final transient JsonMapper json = JsonMapper.builder().build();
    private final transient Supplier<Optional<ProcedureCatalog>> procedures;
    private final transient Supplier<Optional<ApplicationService>> engine;
    private final transient PublicAddress address;

    public ApiServlet(Supplier<Optional<ProcedureCatalog>> procedures, Supplier<Optional<ApplicationService>> engine,
            PublicAddress address) {
        this.procedures = procedures;
        this.engine = engine;
        this.address = address;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = locale(request, () -> procedures.get().map(c -> ProcedureJson.languages(c.offered())).orElse(java.util.Set.of()));
        response.setHeader("Content-Language", locale.getLanguage());
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        String method = request.getMethod();
        try {
            String fixed = FIXED.get(path);
            if (fixed != null && !fixed.equals(method)) {
                notAllowed(response, fixed, locale);
                return;
            }
            if (path.equals("/openapi.json")) {
                try (InputStream in = ApiServlet.class.getResourceAsStream("openapi.json")) {
                    response.setContentType("application/json");
                    in.transferTo(response.getOutputStream());
                }
                return;
            }
            if (path.equals("/v1/procedures")) {
                // the engine's catalog: the version of each procedure that new applications are opened on
                List<ProcedureDescription> offered = new ArrayList<>(procedures.get().orElseThrow(ApiServlet::unavailable).offered());
                Collator collator = Collator.getInstance(locale);
                offered.sort(Comparator.comparing(d -> d.title().get(locale), collator));
                send(response, 200, Map.of("procedures", offered.stream().map(d -> ProcedureJson.of(d, locale)).toList()));
                return;
            }
            ApplicationService service = engine.get().orElseThrow(ApiServlet::unavailable);
            if (path.equals("/v1/authority")) {
                send(response, 200, authority(service.authority()));
                return;
            }
            if (path.equals("/v1/status")) {
                // reference and code in the body, never in the address (logs, proxies, browser history)
                Map<String, String> body = body(request);
                Optional<PublicStatus> found = service.publicStatus(body.get("reference"), body.get("code"), request.getRemoteAddr());
                if (found.isEmpty()) {
                    send(response, 404, error("NOT_FOUND", locale == Locale.ENGLISH
                            ? "There is no application with this reference number and status code."
                            : "Zu dieser Antragsnummer und diesem Abrufcode gibt es keinen Antrag."));
                } else {
                    send(response, 200, publicStatus(found.get(), locale));
                }
                return;
            }
            if (path.equals("/v1/applications")) {
                Map<String, String> body = body(request);
                String procedure = body.get("procedure");
                if (procedure == null) {
                    throw invalid("Bitte geben Sie das Verfahren an (procedure).", "Please name the procedure (procedure).");
                }
                ProcedureId id;
                try {
                    id = new ProcedureId(procedure);
                } catch (IllegalArgumentException e) {
                    throw invalid("Dieses Verfahren gibt es nicht.", "There is no such procedure.");
                }
                ApplicationRef ref = service.open(id, body.get("authority"));
                Map<String, Object> created = new LinkedHashMap<>();
                created.put("id", ref.id().toString());
                created.put("token", ref.accessToken());
                created.put("status", status(service.status(ref), locale));
                response.setHeader("Location", "/api/v1/applications/" + ref.id());
                send(response, 201, created);
                return;
            }
            Matcher m = APPLICATION.matcher(path);
            if (!m.matches()) {
                send(response, 404, error("NOT_FOUND", locale == Locale.ENGLISH ? "No such resource." : "Diese Adresse gibt es nicht."));
                return;
            }
            ApplicationRef ref = new ApplicationRef(UUID.fromString(m.group(1)), bearer(request));
            String action = m.group(2) == null ? "" : m.group(2);
            if (action.startsWith(DOCUMENTS)) {
                document(service, ref, action.substring(DOCUMENTS.length()), method, response, locale);
                return;
            }
            String allowed = ACTIONS.get(action);
            if (allowed == null) {
                send(response, 404, error("NOT_FOUND", locale == Locale.ENGLISH ? "No such resource." : "Diese Adresse gibt es nicht."));
                return;
            }
            if (!allowed.equals(method)) {
                notAllowed(response, allowed, locale);
                return;
            }
            switch (method + " " + action) {
                case "GET " -> send(response, 200, status(service.status(ref), locale));
                case "PUT /answers" -> {
                    Map<String, LocalizedText> errors = service.answer(ref, body(request));
                    if (errors.isEmpty()) {
                        send(response, 200, status(service.status(ref), locale));
                    } else {
                        Map<String, String> messages = new LinkedHashMap<>();
                        errors.forEach((field, text) -> messages.put(field, text.get(locale)));
                        Map<String, Object> out = error("INVALID", locale == Locale.ENGLISH
                                ? "Some answers are not valid." : "Einige Angaben sind nicht gültig.");
                        out.put("errors", messages);
                        send(response, 422, out);
                    }
                }
                case "POST /identification" -> {
                    String returnTo = body(request).get("returnTo");
                    if (returnTo == null) {
                        throw invalid("Bitte geben Sie returnTo an.", "Please give returnTo.");
                    }
                    send(response, 200, Map.of("loginPage", service.startIdentification(ref, ownAddress(returnTo)).toString()));
                }
                case "POST /identification/complete" -> {
                    String code = body(request).get("code");
                    if (code == null) {
                        throw invalid("Bitte geben Sie den Code der Anmeldung an (code).", "Please give the login code (code).");
                    }
                    send(response, 200, status(service.completeIdentification(ref, code), locale));
                }
                case "PUT /confirmations" -> send(response, 200, status(service.requestConfirmations(ref, body(request).get("email")), locale));
                case "POST /verify" -> send(response, 200, status(service.verify(ref), locale));
                case "POST /payment" -> {
                    String returnTo = body(request).get("returnTo");
                    if (returnTo == null) {
                        throw invalid("Bitte geben Sie returnTo an.", "Please give returnTo.");
                    }
                    URI page = service.startPayment(ref, ownAddress(returnTo));
                    send(response, 200, Map.of("paymentPage", page.toString()));
                }
                case "POST /submit" -> send(response, 200, status(service.submit(ref), locale));
                case "POST /withdraw" -> send(response, 200, status(service.withdraw(ref), locale));
                case "GET /decision" -> {
                    Decision decision = service.status(ref).decision();
                    if (decision == null) {
                        send(response, 404, error("NOT_FOUND", locale == Locale.ENGLISH ? "There is no decision yet." : "Es gibt noch keinen Bescheid."));
                    } else {
                        send(response, 200, decision(decision, locale));
                    }
                }
                case "GET /decision.pdf" -> {
                    Optional<byte[]> pdf = service.decisionDocument(ref);
                    if (pdf.isEmpty()) {
                        send(response, 410, error("GONE", locale == Locale.ENGLISH
                                ? "The decision document is not available (any more)."
                                : "Der Bescheid ist nicht (mehr) zum Abruf bereit."));
                    } else {
                        response.setStatus(200);
                        response.setContentType("application/pdf");
                        response.setHeader("Content-Disposition", "attachment; filename=\"Bescheid.pdf\"");
                        response.setContentLength(pdf.get().length);
                        response.getOutputStream().write(pdf.get());
                    }
                }
                default -> throw new IllegalStateException("ACTIONS names " + method + " " + action + ", which is not handled");
            }
        } catch (ApplicationException e) {
            int code = switch (e.reason()) {
                case NOT_FOUND -> 404;
                case UNAVAILABLE -> 503;
                case WRONG_STATE -> 409;
                case INVALID -> 422;
                case TOO_MANY_REQUESTS -> 429;
            };
            // when to try again, in whole seconds (RFC 9110 § 10.2.3)
            e.retryAfter().ifPresent(after -> response.setHeader("Retry-After", Long.toString(Math.max(1, (after.toMillis() + 999) / 1000))));
            send(response, code, error(e.reason().name(), e.getMessage(locale)));
        } catch (JacksonException | IllegalArgumentException e) {
            send(response, 400, error("BAD_REQUEST", locale == Locale.ENGLISH
                    ? "The request is not valid JSON of the expected form." : "Die Anfrage ist kein gültiges JSON der erwarteten Form."));
        } catch (BodyTooLarge e) {
            send(response, 413, error("PAYLOAD_TOO_LARGE", locale == Locale.ENGLISH
                    ? "The request is too large (at most " + MAX_BODY_BYTES / 1024 + " KiB)."
                    : "Die Anfrage ist zu groß (höchstens " + MAX_BODY_BYTES / 1024 + " KiB)."));
        } catch (RuntimeException e) {
            // a fault of ours: no exception text to the client, a reference it can quote, the detail in the log
            String reference = ErrorReferences.reference(500, method + " " + path, e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                Map<String, Object> body = error("INTERNAL", locale == Locale.ENGLISH
                        ? "Something went wrong on our side. Please try again later; if it happens again, quote the reference "
                                + reference + "."
                        : "Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut; wenn er wieder auftritt, nennen "
                                + "Sie die Fehlernummer " + reference + ".");
                body.put("reference", reference);
                send(response, 500, body);
            }
        }
    }

    /** {@code GET …/documents/<file name>}: a document while the application offers it (FZV § 23(1)). */
    private void document(ApplicationService service, ApplicationRef ref, String fileName, String method,
            HttpServletResponse response, Locale locale) throws IOException {
        Optional<DocumentKind> kind = Arrays.stream(DocumentKind.values()).filter(k -> k.fileName().equals(fileName))
                .findFirst();
        if (kind.isEmpty()) {
            send(response, 404, error("NOT_FOUND", locale == Locale.ENGLISH ? "No such document." : "Dieses Dokument gibt es nicht."));
            return;
        }
        if (!method.equals("GET")) {
            notAllowed(response, "GET", locale);
            return;
        }
        Optional<byte[]> pdf = service.document(ref, kind.get());
        if (pdf.isEmpty()) {
            send(response, 404, error("NOT_FOUND", locale == Locale.ENGLISH
                    ? "This document is not offered for this application (now)."
                    : "Dieses Dokument ist für diesen Antrag (derzeit) nicht zum Abruf bereit."));
            return;
        }
        response.setStatus(200);
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + kind.get().fileName() + "\"");
        response.setContentLength(pdf.get().length);
        response.getOutputStream().write(pdf.get());
    }

    /** Where the machine API offers a document of an application. */
    static String documentHref(UUID application, DocumentKind kind) {
        return "/api/v1/applications/" + application + DOCUMENTS + kind.fileName();
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
    }

    /**
     * The largest body the API takes: its largest legal request (all answers of a dialog) is a few
     * kilobytes. A larger one is refused with 413, by its Content-Length before anything is read.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private Map<String, String> body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new BodyTooLarge();
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BodyTooLarge();
        }
        // a JSON object, nothing else (null, an array or a number is a bad request, not an error of ours)
        if (!(json.readValue(bytes, Object.class) instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, String> body = new LinkedHashMap<>();
        raw.forEach((k, v) -> body.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return body;
    }

    /** A request body above {@link #MAX_BODY_BYTES}. */
    private static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * A return address on the portal only (its public origin, see {@link PublicAddress}). The Host header
     * is not trusted, so a client cannot have a one-time code sent to a page of its choosing.
     */
    private URI ownAddress(String returnTo) {
        URI uri;
        try {
            uri = new URI(returnTo);
        } catch (java.net.URISyntaxException e) {
            throw invalid("Die Rücksprungadresse ist keine gültige Adresse.", "The return address is not a valid address.");
        }
        if (!address.contains(uri)) {
            throw invalid("Die Rücksprungadresse gehört nicht zu diesem Portal.", "The return address does not belong to this portal.");
        }
        return uri;
    }

    private static ApplicationException invalid(String german, String english) {
        return new ApplicationException(ApplicationException.Reason.INVALID, LocalizedText.of(german, english));
    }

    static Map<String, Object> status(ApplicationStatus s, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id().toString());
        out.put("procedure", s.procedure().value());
        out.put("state", s.state().name());
        out.put("correctionsLeft", s.correctionsLeft());
        out.put("reference", s.reference());
        out.put("statusCode", s.statusCode());
        out.put("confirmationsTo", s.confirmationsTo());
        out.put("findings", findings(s.findings(), locale));
        out.put("stops", findings(s.stops(), locale));
        List<Map<String, Object>> fees = new ArrayList<>();
        for (FeeLine f : s.fees()) {
            fees.add(Map.of("item", f.item(), "title", f.title().get(locale), "amount", f.amount()));
        }
        out.put("fees", fees);
        out.put("total", s.total());
        out.put("identified", s.identified());
        out.put("paid", s.paid());
        out.put("decision", s.decision() == null ? null : decision(s.decision(), locale));
        out.put("next", s.next() == null ? null : s.next().get(locale));
        out.put("answers", s.answers());
        List<Map<String, Object>> documents = new ArrayList<>();
        for (DocumentKind kind : s.documents()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("kind", kind.name());
            document.put("href", documentHref(s.id(), kind));
            documents.add(document);
        }
        out.put("documents", documents);
        return out;
    }

    static Map<String, Object> decision(Decision d, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reference", d.reference());
        out.put("automated", d.automated());
        out.put("decidedAt", d.decidedAt().toString());
        out.put("offeredUntil", text(() -> d.offeredUntil().toString(), d.offeredUntil() != null));
        out.put("retrievedAt", text(() -> d.retrievedAt().toString(), d.retrievedAt() != null));
        out.put("mailedOn", text(() -> d.mailedOn().toString(), d.mailedOn() != null));
        out.put("effectiveOn", text(() -> d.effectiveOn().toString(), d.effectiveOn() != null));
        out.put("summary", d.summary().get(locale));
        out.put("kennzeichen", d.kennzeichen());
        out.put("drivingAllowedUntil", text(() -> d.drivingAllowedUntil().toString(), d.drivingAllowedUntil() != null));
        return out;
    }

    static Map<String, Object> publicStatus(PublicStatus p, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reference", p.reference());
        out.put("procedure", p.procedure().value());
        out.put("procedureTitle", p.procedureTitle() == null ? null : p.procedureTitle().get(locale));
        out.put("state", p.state().name());
        out.put("receivedAt", text(() -> p.receivedAt().toString(), p.receivedAt() != null));
        out.put("changedAt", text(() -> p.changedAt().toString(), p.changedAt() != null));
        out.put("stateText", p.stateText().get(locale));
        out.put("next", p.next().get(locale));
        out.put("nextBy", text(() -> p.nextBy().toString(), p.nextBy() != null));
        out.put("documents", p.documents().stream().map(Enum::name).toList());
        out.put("documentsUntil", text(() -> p.documentsUntil().toString(), p.documentsUntil() != null));
        out.put("decidedAt", text(() -> p.decidedAt().toString(), p.decidedAt() != null));
        out.put("granted", p.granted());
        out.put("authority", authority(p.authority()));
        return out;
    }

    static Map<String, Object> authority(Authority a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", a.key());
        out.put("name", a.name());
        out.put("address", a.address());
        out.put("contact", a.contact());
        return out;
    }

    private static String text(Supplier<String> value, boolean present) {
        return present ? value.get() : null;
    }

    /**
     * The client's language: the first of German and English in its Accept-Language (by preference,
     * q-values included); German without the header or when it names neither.
     */
    static Locale locale(HttpServletRequest request) {
        return locale(request, java.util.Set::of);
    }

    /**
     * The client's language: the first in its Accept-Language (by preference, q-values included) that the platform
     * speaks: German, English, or a further language the offered procedures' texts are in (a language fragment of a
     * procedure bundle adds one, without code). A text that has no translation in it is German. German without the
     * header or when it names none of these.
     *
     * @param further the further languages, asked only when the client names a language other than German and English
     */
    static Locale locale(HttpServletRequest request, Supplier<java.util.Set<String>> further) {
        return ClientLanguage.of(request.getHeader("Accept-Language"), further);
    }

    /**
     * An error as an RFC 9457 problem: {@code type} (a tag URI per kind of problem), {@code title},
     * {@code status} (set by {@link #send}), {@code detail} in the client's language, and the members version 1
     * of the API has always had: {@code error} (the kind) and {@code message} (the same text as the detail).
     */
    static Map<String, Object> error(String code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", Problems.type(code));
        out.put("title", Problems.title(code));
        out.put("detail", message);
        out.put("error", code);
        out.put("message", message);
        return out;
    }

    @SuppressWarnings("unchecked")
    private void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        if (status >= 400 && body instanceof Map<?, ?> problem && problem.containsKey("type")) {
            Map<String, Object> withStatus = new LinkedHashMap<>((Map<String, Object>) problem);
            withStatus.put("status", status);
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), withStatus);
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    /** 405: this address takes another method, named in {@code Allow}. */
    private void notAllowed(HttpServletResponse response, String allowed, Locale locale) throws IOException {
        response.setHeader("Allow", allowed);
        send(response, 405, error("METHOD_NOT_ALLOWED", locale == Locale.ENGLISH ? "This address takes the method " + allowed + " only."
                : "Diese Adresse nimmt nur die Methode " + allowed + " an."));
    }

    /** Findings (or stops) as the API gives them: the field they concern and the message in the client's language. */
    private static List<Map<String, Object>> findings(List<Finding> findings, Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("field", f.fieldId());
            finding.put("message", f.message().get(locale));
            out.add(finding);
        }
        return out;
    }

    private static ApplicationException unavailable() {
        return new ApplicationException(ApplicationException.Reason.UNAVAILABLE, LocalizedText.of(
                "Der Antragsdienst ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut.",
                "The application service is not available right now. Please try again later."));
    }
}
