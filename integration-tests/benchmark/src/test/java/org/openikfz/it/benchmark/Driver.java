package org.openikfz.it.benchmark;

import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What the benchmarks drive the platform with: the simulators' admin API and the answers of a
 * deregistration. Inside the framework the test probe holds only this module's classes, so the osgi
 * module's helpers cannot be used here.
 */
final class Driver {

    private final BundleContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private Object port;

    Driver(BundleContext context) {
        this.context = context;
    }

    /** POSTs a form to the simulators' admin API; fails the benchmark on an HTTP error. */
    void simulator(String path, String form) throws Exception {
        if (port == null) {
            var admin = context.getService(context.getServiceReference(ConfigurationAdmin.class));
            port = admin.getConfiguration("org.openikfz.simulator.http", null).getProperties().get("port");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(path + ": " + response.body(), response.statusCode() < 300);
    }

    /** The answers of a deregistration of a benchmark vehicle (its codes as the benchmarks register it). */
    static Map<String, String> abmelden(String plate) {
        Map<String, String> answers = new HashMap<>(Map.of("kennzeichen", plate, "wechselkennzeichen", "false", "halter", "true",
                "hinweisGelesen", "true", "plaketteVorn", "K7m", "plaketteHinten", "P2x", "zb1Code", "Ab3De4F"));
        answers.put("verwertet", "false");
        answers.put("kennzeichenReservieren", "false");
        return answers;
    }
}
