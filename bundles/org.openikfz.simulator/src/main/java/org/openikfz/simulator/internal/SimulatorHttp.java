package org.openikfz.simulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The simulators' own HTTP server (JDK HttpServer, 127.0.0.1:8090 by default): the ePayment page and
 * the admin API with which tests and operators create and inspect test records.
 *
 * <pre>
 * GET  /kba/admin/vehicles                 vehicles of the simulated register (JSON)
 * POST /kba/admin/vehicles                 form: kennzeichen, fin, zb1, zb2, plaketten (comma-separated), holder
 * POST /kba/admin/mode                     form: mode=normal|slow|unavailable
 * GET  /kba/admin/transfers                transfers the KBA received (JSON lines)
 * GET  /fachverfahren/admin/inbox          what the Fachverfahren received (JSON lines), ?application=UUID
 * GET  /epayment/admin/payments            payments (JSON)
 * POST /epayment/admin/payments/ID/pay     pays a payment without the browser
 * GET  /epayment/pay/ID                    the payment page; POST action=pay|cancel
 * GET  /identity/login?state=&amp;return=      the BundID/eID login page; POST person=N
 * POST /identity/admin/codes               form: person=N — a one-time code without the browser
 * </pre>
 */
@Component(immediate = true, configurationPid = SimulatorHttp.PID)
@Designate(ocd = SimulatorHttp.Config.class)
public final class SimulatorHttp {

    static final String PID = "org.openikfz.simulator.http";

    @ObjectClassDefinition(id = PID, name = "Simulators' HTTP server")
    public @interface Config {
        @AttributeDefinition(description = "address to bind to")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "port; 0 picks a free one")
        int port() default 8090;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> new Thread(r, "openikfz-simulator-http"));
    private final KbaSimulator kba;
    private final FachverfahrenSimulator fachverfahren;
    private final EPaymentSimulator epayment;
    private final IdentitySimulator identity;

    @Activate
    public SimulatorHttp(Config config, @Reference KbaSimulator kba, @Reference FachverfahrenSimulator fachverfahren,
            @Reference EPaymentSimulator epayment, @Reference IdentitySimulator identity) throws IOException {
        this.identity = identity;
        this.kba = kba;
        this.fachverfahren = fachverfahren;
        this.epayment = epayment;
        server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        server.createContext("/kba/admin/", this::kbaAdmin);
        server.createContext("/fachverfahren/admin/", this::fachverfahrenAdmin);
        server.createContext("/epayment/", this::epayment);
        server.createContext("/identity/", this::identity);
        server.setExecutor(executor);
        server.start();
        System.out.println("Simulators (KBA, Fachverfahren, ePayment, BundID/eID) listening on http://" + config.host() + ":"
                + server.getAddress().getPort() + "/");
    }

    @Deactivate
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    static String baseUrl(Config config) {
        return "http://" + config.host() + ":" + config.port();
    }

    private void kbaAdmin(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        try {
            if (path.equals("/kba/admin/vehicles") && x.getRequestMethod().equals("GET")) {
                json(x, 200, "[" + String.join(",", kba.vehicles().stream().map(SimulatorHttp::json).toList()) + "]");
            } else if (path.equals("/kba/admin/vehicles") && x.getRequestMethod().equals("POST")) {
                Map<String, String> f = form(x);
                Vehicle v = kba.put(new Vehicle(f.getOrDefault("kennzeichen", ""), f.getOrDefault("fin", ""),
                        f.getOrDefault("zb1", ""), f.getOrDefault("zb2", ""),
                        List.of(f.getOrDefault("plaketten", "").split(",")), !"false".equals(f.get("registered")),
                        f.getOrDefault("holder", "Test Halter"), f.getOrDefault("street", "Teststraße 1"),
                        f.getOrDefault("postalCode", "09456"), f.getOrDefault("city", "Annaberg-Buchholz")));
                json(x, 201, json(v));
            } else if (path.equals("/kba/admin/mode") && x.getRequestMethod().equals("POST")) {
                kba.mode(form(x).getOrDefault("mode", ""));
                json(x, 200, "{\"mode\":\"" + kba.mode() + "\"}");
            } else if (path.equals("/kba/admin/transfers")) {
                json(x, 200, "[" + String.join(",", kba.transfers()) + "]");
            } else {
                json(x, 404, "{\"error\":\"not found\"}");
            }
        } catch (IllegalArgumentException e) { // incl. ValueValidationException
            json(x, 422, "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
        }
    }

    private void fachverfahrenAdmin(HttpExchange x) throws IOException {
        if (!x.getRequestURI().getPath().equals("/fachverfahren/admin/inbox")) {
            json(x, 404, "{\"error\":\"not found\"}");
            return;
        }
        String application = query(x).get("application");
        json(x, 200, "[" + String.join(",", fachverfahren.inbox(application)) + "]");
    }

    private void epayment(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.equals("/epayment/admin/payments")) {
            json(x, 200, "[" + String.join(",", epayment.payments().stream().map(p -> "{\"id\":\"" + p.id()
                    + "\",\"amount\":" + p.amount() + ",\"status\":\"" + p.status() + "\"}").toList()) + "]");
        } else if (path.startsWith("/epayment/admin/payments/") && path.endsWith("/pay") && x.getRequestMethod().equals("POST")) {
            String id = path.substring("/epayment/admin/payments/".length(), path.length() - "/pay".length());
            Optional<EPaymentSimulator.Payment> p = epayment.complete(id, true);
            json(x, p.isPresent() ? 200 : 404, p.map(v -> "{\"id\":\"" + v.id() + "\",\"status\":\"" + v.status() + "\"}")
                    .orElse("{\"error\":\"no such payment\"}"));
        } else if (path.startsWith("/epayment/pay/")) {
            String id = path.substring("/epayment/pay/".length());
            Optional<EPaymentSimulator.Payment> payment = epayment.payment(id);
            if (payment.isEmpty()) {
                html(x, 404, page("Zahlung nicht gefunden", "<p>Diese Zahlung gibt es nicht.</p>"));
            } else if (x.getRequestMethod().equals("POST")) {
                boolean pay = "pay".equals(form(x).get("action"));
                EPaymentSimulator.Payment done = epayment.complete(id, pay).orElseThrow();
                URI back = done.returnTo();
                String sep = back.getQuery() == null ? "?" : "&";
                x.getResponseHeaders().add("Location", back + sep + "payment=" + id + "&status=" + done.status());
                x.sendResponseHeaders(303, -1);
                x.close();
            } else {
                String amount = NumberFormat.getCurrencyInstance(Locale.GERMANY).format(payment.get().amount());
                html(x, 200, page("Gebühren bezahlen", "<p>Zu zahlen: <strong>" + amount + "</strong></p>"
                        + "<form method=\"post\"><button name=\"action\" value=\"pay\" type=\"submit\">Jetzt bezahlen</button> "
                        + "<button name=\"action\" value=\"cancel\" type=\"submit\">Abbrechen</button></form>"));
            }
        } else {
            json(x, 404, "{\"error\":\"not found\"}");
        }
    }

    private void identity(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.equals("/identity/admin/codes") && x.getRequestMethod().equals("POST")) {
            Optional<String> code = identity.login(parseInt(form(x).get("person")));
            json(x, code.isPresent() ? 201 : 422, code.map(c -> "{\"code\":\"" + c + "\"}").orElse("{\"error\":\"no such person\"}"));
        } else if (path.equals("/identity/login")) {
            Map<String, String> q = query(x);
            String back = q.getOrDefault("return", "");
            if (!back.startsWith("http://") && !back.startsWith("https://")) {
                html(x, 400, identityPage("Anmeldung nicht möglich", "<p>Die Rücksprungadresse fehlt.</p>"));
                return;
            }
            if (x.getRequestMethod().equals("POST")) {
                Optional<String> code = identity.login(parseInt(form(x).get("person")));
                if (code.isEmpty()) {
                    html(x, 422, identityPage("Bitte wählen Sie eine Person", "<p>Bitte wählen Sie eine Person aus.</p>"));
                    return;
                }
                String sep = back.contains("?") ? "&" : "?";
                x.getResponseHeaders().add("Location", back + sep + "code=" + code.get() + "&state="
                        + java.net.URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8));
                x.sendResponseHeaders(303, -1);
                x.close();
                return;
            }
            StringBuilder form = new StringBuilder("<form method=\"post\"><fieldset><legend>Als wer möchten Sie sich ausweisen?</legend>");
            for (int i = 0; i < IdentitySimulator.PERSONS.size(); i++) {
                form.append("<p><input type=\"radio\" name=\"person\" id=\"p").append(i).append("\" value=\"").append(i)
                        .append(i == 0 ? "\" checked>" : "\">").append("<label for=\"p").append(i).append("\">")
                        .append(IdentitySimulator.PERSONS.get(i).name()).append("</label></p>");
            }
            form.append("</fieldset><button type=\"submit\">Anmelden</button></form>");
            html(x, 200, identityPage("Mit dem Online-Ausweis anmelden", form.toString()));
        } else {
            json(x, 404, "{\"error\":\"not found\"}");
        }
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String identityPage(String title, String body) {
        return page(title, body).replace("ePayment-Simulator (Testumgebung, es fließt kein Geld)",
                "BundID/eID-Simulator (Testumgebung, keine echte Identifizierung)").replace("– ePayment-Simulator", "– BundID/eID-Simulator");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + " – ePayment-Simulator</title>"
                + "<style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
                + "button{font-size:1rem;padding:.6rem 1.2rem;margin:.3rem 0}</style></head><body>"
                + "<p><em>ePayment-Simulator (Testumgebung, es fließt kein Geld)</em></p><h1>" + title + "</h1>" + body
                + "</body></html>";
    }

    private static String json(Vehicle v) {
        return "{\"kennzeichen\":\"" + v.kennzeichen() + "\",\"fin\":\"" + v.fin() + "\",\"registered\":" + v.registered() + "}";
    }

    private static Map<String, String> form(HttpExchange x) throws IOException {
        return parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(HttpExchange x) {
        String q = x.getRequestURI().getRawQuery();
        return q == null ? Map.of() : parse(q);
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> map = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        send(x, status, "application/json; charset=utf-8", body);
    }

    private static void html(HttpExchange x, int status, String body) throws IOException {
        send(x, status, "text/html; charset=utf-8", body);
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
