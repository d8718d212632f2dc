package org.openikfz.web.api.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openikfz.api.health.JobStatus;
import org.openikfz.api.health.PlatformHealth;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /health}: the platform's health for a load balancer or monitoring. 200 and
 * {@code "status":"UP"} while every background job (deadlines, transfers, deletions, audit sealing)
 * completed its last run recently; 503 and {@code "DOWN"} when one failed or stopped, or the engine
 * is not there. Each job with its last run and success; no error texts and no personal data (the
 * operator page shows the errors to the operators).
 */
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<PlatformHealth> health;
    private final transient JsonMapper json = JsonMapper.builder().build();

    public HealthServlet(Supplier<PlatformHealth> health) {
        this.health = health;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PlatformHealth platform = health.get();
        List<Map<String, Object>> jobs = new ArrayList<>();
        boolean up = platform != null;
        if (platform != null) {
            for (JobStatus job : platform.jobs()) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("name", job.name());
                j.put("healthy", job.healthy());
                j.put("lastRun", job.lastRun() == null ? null : job.lastRun().toString());
                j.put("lastSuccess", job.lastSuccess() == null ? null : job.lastSuccess().toString());
                j.put("lastFailure", job.lastFailure() == null ? null : job.lastFailure().toString());
                j.put("failures", job.failures());
                jobs.add(j);
                up &= job.healthy();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("jobs", jobs);
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), body);
    }
}
