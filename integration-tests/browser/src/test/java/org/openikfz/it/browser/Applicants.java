package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openikfz.it.DemoAnswers;

/**
 * What an applicant and the test set-up do against a running distribution: vehicles and eVBs in the
 * simulators, applications opened and identified through the machine API. Each vehicle, FIN and eVB
 * is new, so cases do not share state.
 */
final class Applicants {

    /** The identity simulator's demo persons (README). */
    static final int ERIKA = 0;
    static final int MAX = 1;
    static final int LENA_OUTSIDE_THE_DISTRICT = 2;
    static final int MUSTER_GMBH = 3;
    static final int RUDI_WITH_TAX_ARREARS = 4;
    static final int GUSTAV_WITH_FEE_ARREARS = 5;

    private final Api api;
    /** Numbers plates, FINs and eVBs apart; atomic, since several applicants may work in parallel. */
    private final AtomicInteger serial = new AtomicInteger(100);

    Applicants(Api api) {
        this.api = api;
    }

    record Vehicle(String plate, String fin) {
    }

    /** An application in the machine API: its path and bearer token. */
    record Application(String path, String token) {
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Berlin"));
    }

    /** A registered vehicle of the district held by Erika Mustermann. */
    Vehicle registered() throws Exception {
        return vehicle("registered=true");
    }

    /** A vehicle of Erika Mustermann taken off the road on the given day, without Verwertungsnachweis. */
    Vehicle deregistered(LocalDate on) throws Exception {
        return vehicle("registered=false&deregisteredOn=" + on);
    }

    /** A vehicle of Erika Mustermann with further simulator form fields ({@code registered=…&…}). */
    Vehicle vehicle(String status) throws Exception {
        return vehicle("Erika Mustermann", status);
    }

    /**
     * A vehicle the register holds for the named person born on Erika's day (1964-08-12), e.g. Erika under her former
     * name, with further simulator form fields.
     */
    Vehicle vehicle(String holder, String status) throws Exception {
        Vehicle vehicle = new Vehicle(plate("IT", serial.incrementAndGet()), fin());
        api.simulator("/kba/admin/vehicles", DemoAnswers.vehicleForm(vehicle.plate(), vehicle.fin(), holder, "1964-08-12", status));
        return vehicle;
    }

    /**
     * The n-th plate of the district from the letters {@code from} on, valid however many there are:
     * "ERZ-IT 1" … "ERZ-IT 999", then "ERZ-IU 1" … (a plate has at most 8 letters and digits: 3 + 2 + 3).
     */
    static String plate(String from, int n) {
        int pair = (from.charAt(0) - 'A') * 26 + (from.charAt(1) - 'A') + (n - 1) / 999;
        return "ERZ-" + (char) ('A' + pair / 26 % 26) + (char) ('A' + pair % 26) + " " + (1 + (n - 1) % 999);
    }

    /** A new vehicle in the KBA reference (ZB II code, CoC data) for the Erstzulassung. */
    String newVehicle(String zb2, boolean registrable, String obstacle) throws Exception {
        String fin = fin();
        api.simulator("/kba/admin/coc", "fin=" + fin + "&zb2=" + zb2 + "&vehicle=Muster+Typ+" + serial.get()
                + "&registrable=" + registrable + "&obstacle=" + URLEncoder.encode(obstacle, StandardCharsets.UTF_8));
        return fin;
    }

    String fin() {
        return String.format("WVWZZZ1JZXW%06d", serial.incrementAndGet());
    }

    /** A fresh valid eVB (a registration uses one up). */
    String evb() throws Exception {
        String evb = String.format("MV%05d", serial.incrementAndGet());
        api.simulator("/gdv/admin/evb", "evb=" + evb + "&insurer=Muster+Versicherung+AG&insurerNumber=9001&status=VALID");
        return evb;
    }

    /** A plate of the district nobody has yet, to choose. */
    String freePlate() {
        return plate("WU", serial.incrementAndGet());
    }

    /** Opens an application, identifies the applicant as the given demo person and returns the status the login gave. */
    JsonNode identifiedStatus(String procedure, int person) throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", procedure), 201);
        String path = "/api/v1/applications/" + created.path("id").asText();
        String code = api.loginCode(path, created.path("token").asText(), person);
        return api.call("POST", path + "/identification/complete", created.path("token").asText(), Map.of("code", code), 200);
    }

    /** Opens an application and identifies the applicant as the given demo person. */
    Application identified(String procedure, int person) throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", procedure), 201);
        Application application = new Application("/api/v1/applications/" + created.path("id").asText(),
                created.path("token").asText());
        String code = api.loginCode(application.path(), application.token(), person);
        JsonNode identified = api.call("POST", application.path() + "/identification/complete", application.token(),
                Map.of("code", code), 200);
        assertTrue(identified.path("identified").asBoolean(), identified.toString());
        return application;
    }

    JsonNode answer(Application application, Map<String, String> answers) throws Exception {
        return api.call("PUT", application.path() + "/answers", application.token(), answers, 200);
    }

    JsonNode verify(Application application) throws Exception {
        return api.call("POST", application.path() + "/verify", application.token(), null, 200);
    }

    /** Pays on the ePayment simulator without a browser and submits; returns the status. */
    JsonNode payAndSubmit(Application application) throws Exception {
        return api.payAndSubmit(application.path(), application.token(), "DECIDED");
    }

    /**
     * Sets a simulated system's mode: normal, slow or unavailable. {@code gebuehren-sn} is the Land
     * Sachsen's fee-arrears service, a simulator of its own on its own port.
     */
    void mode(String system, String mode) throws Exception {
        if (system.equals("gebuehren-sn")) {
            api.landSimulator("org.openikfz.simulator.gebuehren.sn", "/admin/mode", "mode=" + mode);
        } else {
            api.simulator("/" + system + "/admin/mode", "mode=" + mode);
        }
    }
}
