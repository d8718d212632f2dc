package org.openikfz.it;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.BooleanSupplier;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.osgi.framework.BundleContext;

/** The simulators' admin API as the tests in the framework use it, a clock they move, and waiting. */
final class Simulators {

    private final BundleContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    Simulators(BundleContext context) {
        this.context = context;
    }

    /** Calls the admin API; a form of {@code null} is a GET. Fails the test on an HTTP error. */
    String call(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (form == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            fail(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    String get(String path) throws Exception {
        return call("GET", path, null);
    }

    String post(String path, String form) throws Exception {
        return call("POST", path, form);
    }

    /** GET, or "" when the call fails (for waiting). */
    String quietly(String path) {
        try {
            return get(path);
        } catch (Exception | AssertionError e) {
            return "";
        }
    }

    /** Pays the application's fees on the ePayment simulator without the browser. */
    void pay(ApplicationService engine, ApplicationRef ref) throws Exception {
        URI page = engine.startPayment(ref, URI.create("http://127.0.0.1/return"));
        String id = page.getPath().substring(page.getPath().lastIndexOf('/') + 1);
        post("/epayment/admin/payments/" + id + "/pay", "");
    }

    private String base() throws Exception {
        // the simulators' port is in the configuration the test wrote to etc/
        var admin = context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class);
        var configuration = context.getService(admin).getConfiguration("org.openikfz.simulator.http", null);
        Object port = configuration.getProperties().get("port");
        assertNotNull(port);
        return "http://127.0.0.1:" + port;
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue("condition not met within 10 s", System.nanoTime() < deadline);
            Thread.sleep(50);
        }
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        /** Registers this clock above the platform's; the engine and the back office take it over (greedy references). */
        org.osgi.framework.ServiceRegistration<Clock> register(BundleContext context) throws InterruptedException {
            java.util.Dictionary<String, Object> properties = new java.util.Hashtable<>();
            properties.put(org.osgi.framework.Constants.SERVICE_RANKING, 100);
            org.osgi.framework.ServiceRegistration<Clock> registration = context.registerService(Clock.class, this, properties);
            Thread.sleep(200);
            return registration;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MovableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return outer.withZone(other);
                }

                @Override
                public Instant instant() {
                    return outer.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
