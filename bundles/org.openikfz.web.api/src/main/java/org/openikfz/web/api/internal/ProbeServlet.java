package org.openikfz.web.api.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openikfz.api.health.NotReady;
import org.openikfz.api.health.Readiness;
import tools.jackson.databind.json.JsonMapper;

/**
 * The probes of a load balancer or Kubernetes, under {@code /health/}:
 * <ul>
 * <li>{@code GET /health/live} — liveness: 200 {@code {"status":"UP"}} while this process and its
 * framework run (this bundle answering is the proof); it asks nothing else, so a database outage never
 * gets the process restarted.</li>
 * <li>{@code GET /health/ready} — readiness: 200 {@code {"status":"READY"}} while the platform can take
 * applications; else 503 {@code {"status":"NOT_READY","notReady":[{"part":"store"},{"part":"procedure","name":"umschreibung"}]}}:
 * which part, by name only — no error texts, no personal data.</li>
 * </ul>
 */
public final class ProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<Readiness> readiness;
    private final transient JsonMapper json = JsonMapper.builder().build();

    public ProbeServlet(Supplier<Readiness> readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/live" -> answer(response, HttpServletResponse.SC_OK, Map.of("status", "UP"));
            case "/ready" -> ready(response);
            default -> answer(response, HttpServletResponse.SC_NOT_FOUND, Map.of("error", "not found"));
        }
    }

    private void ready(HttpServletResponse response) throws IOException {
        Readiness r = readiness.get();
        // the core not running: its readiness service is away, and nothing can be taken
        List<NotReady> missing = r == null ? List.of(NotReady.of(NotReady.Part.ENGINE)) : r.notReady();
        if (missing.isEmpty()) {
            answer(response, HttpServletResponse.SC_OK, Map.of("status", "READY"));
            return;
        }
        List<Map<String, String>> parts = new ArrayList<>();
        for (NotReady n : missing) {
            Map<String, String> part = new LinkedHashMap<>();
            part.put("part", n.part().name().toLowerCase(Locale.ROOT));
            if (n.name() != null) {
                part.put("name", n.name());
            }
            parts.add(part);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "NOT_READY");
        body.put("notReady", parts);
        answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
    }

    private void answer(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), body);
    }
}
