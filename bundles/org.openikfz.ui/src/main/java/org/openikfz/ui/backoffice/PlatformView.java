package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.EvidenceSummary;
import org.openikfz.api.backoffice.InstalledBundle;
import org.openikfz.api.backoffice.PlatformEvent;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.connector.ConnectorHealth;

/**
 * Operators: the installed procedures, checks, connectors and simulators with versions and health,
 * what was deployed when, the database. Operators and auditors: the audit trail's verification.
 */
public class PlatformView extends StaffPage {

    private static final long serialVersionUID = 1L;

    /** The outcome of the last verification, shown once. */
    private String verification;

    @Override
    protected void entered(BeforeEnterEvent event) {
        verification = null;
    }

    @Override
    protected void render(Locale locale) {
        add(new H1(StaffViews.t(locale, "Betrieb und Protokoll", "Operations and log")));
        add(new H2(StaffViews.t(locale, "Protokoll (§ 18 Abs. 3 FZV)", "Audit log")));
        add(new Paragraph(StaffViews.t(locale,
                "Jeder Eintrag ist mit dem vorigen verkettet und mit einem Schlüssel außerhalb der Datenbank gesichert; eine Änderung, Einfügung oder Löschung außerhalb der Aufbewahrungsfrist fällt bei der Prüfung auf. Auf der Kommandozeile: bin/openikfz audit-verify.",
                "Every entry is chained to the previous one and secured with a key outside the database; a change, insertion or deletion outside the retention shows in the verification. On the command line: bin/openikfz audit-verify.")));
        Div result = new Div();
        result.setId("audit-result");
        result.getElement().setAttribute("role", "status");
        if (verification != null) {
            result.setText(verification);
        }
        Button verify = new Button(StaffViews.t(locale, "Protokoll jetzt prüfen", "Verify the log now"), e -> {
            try {
                verification = StaffViews.platform().verifyAuditTrail(session);
            } catch (BackOfficeException ex) {
                verification = ex.getMessage(locale);
            }
            redraw();
            verification = null;
        });
        verify.setId("audit-verify");
        add(verify, result);
        if (session.member().role() != Role.OPERATOR) {
            return;
        }
        try {
            add(new H2(StaffViews.t(locale, "Datenbank", "Database")), new Paragraph(StaffViews.platform().database(session)));
            evidence(locale);
            List<List<Object>> links = new ArrayList<>();
            for (ConnectorHealth c : StaffViews.platform().connectors(session)) {
                links.add(List.of(c.name(), c.endpoint(), state(c.state(), locale), c.circuit(), StaffViews.when(c.lastSuccess()),
                        c.lastError() == null ? "" : StaffViews.when(c.lastFailure()) + ": " + c.lastError(),
                        c.calls() + " / " + c.failures()));
            }
            add(new H2(StaffViews.t(locale, "Anschlüsse an externe Systeme", "Connections to external systems")));
            if (links.isEmpty()) {
                add(new Paragraph(StaffViews.t(locale, "Kein überwachter Konnektor ist installiert.", "No monitored connector is installed.")));
            } else {
                Div connectors = StaffViews.table(StaffViews.t(locale,
                        "Zustand, Schutzschalter (circuit breaker) und letzter Fehler je Konnektor; ohne Zugangsdaten",
                        "State, circuit breaker and last error per connector; without credentials"),
                        List.of(StaffViews.t(locale, "Konnektor", "Connector"), StaffViews.t(locale, "Ziel", "Endpoint"),
                                StaffViews.t(locale, "Zustand", "State"), StaffViews.t(locale, "Schutzschalter", "Circuit"),
                                StaffViews.t(locale, "Zuletzt erfolgreich", "Last success"), StaffViews.t(locale, "Letzter Fehler", "Last error"),
                                StaffViews.t(locale, "Aufrufe / Fehler", "Calls / failures")), links);
                connectors.setId("connectors");
                add(connectors);
            }
            var health = org.openikfz.ui.web.BackOfficeAccess.current().health();
            withheld(locale, health.map(org.openikfz.api.health.PlatformHealth::withheldProcedures).orElse(java.util.Map.of()));
            add(new H2(StaffViews.t(locale, "Hintergrundaufgaben", "Background jobs")));
            if (health.isEmpty()) {
                add(new Paragraph(StaffViews.t(locale, "Die Antragsbearbeitung läuft gerade nicht: keine Fristen, Übermittlungen und Löschungen.",
                        "Application processing is not running right now: no deadlines, transfers or deletions.")));
            } else {
                List<List<Object>> jobs = new ArrayList<>();
                for (org.openikfz.api.health.JobStatus j : health.get().jobs()) {
                    jobs.add(List.of(j.name(), j.healthy() ? StaffViews.t(locale, "in Ordnung", "healthy") : StaffViews.t(locale, "GESTÖRT", "FAULTY"),
                            StaffViews.when(j.lastSuccess()), j.lastError() == null ? "" : StaffViews.when(j.lastFailure()) + ": " + j.lastError(),
                            j.failures()));
                }
                Div table = StaffViews.table(StaffViews.t(locale,
                        "Fristen, Übermittlungen, Löschungen und Versiegelung des Protokolls; eine gestörte Aufgabe läuft weiter und meldet sich hier (auch unter /health)",
                        "Deadlines, transfers, deletions and sealing of the log; a faulty job keeps running and shows here (also at /health)"),
                        List.of(StaffViews.t(locale, "Aufgabe", "Job"), StaffViews.t(locale, "Zustand", "State"),
                                StaffViews.t(locale, "Zuletzt erfolgreich", "Last success"), StaffViews.t(locale, "Letzter Fehler", "Last error"),
                                StaffViews.t(locale, "Fehlläufe", "Failed runs")), jobs);
                table.setId("jobs");
                add(table);
            }
            List<List<Object>> rows = new ArrayList<>();
            for (InstalledBundle b : StaffViews.platform().bundles(session)) {
                rows.add(List.of(kind(b.kind(), locale), b.symbolicName(), b.version(), b.source(),
                        b.healthy() ? StaffViews.t(locale, "in Ordnung", "healthy") : StaffViews.t(locale, "GESTÖRT", "FAULTY") + " (" + b.state() + ")",
                        String.join(", ", b.components())));
            }
            add(new H2(StaffViews.t(locale, "Installierte Bausteine", "Installed bundles")));
            add(StaffViews.table(StaffViews.t(locale, "Verfahren, Prüfungen, Konnektoren, Simulatoren und Plattform", "Procedures, checks, connectors, simulators and platform"),
                    List.of(StaffViews.t(locale, "Art", "Kind"), StaffViews.t(locale, "Baustein", "Bundle"), StaffViews.t(locale, "Version", "Version"),
                            StaffViews.t(locale, "Herkunft", "Source"), StaffViews.t(locale, "Zustand", "Health"),
                            StaffViews.t(locale, "Komponenten", "Components")), rows));
            List<List<Object>> events = new ArrayList<>();
            for (PlatformEvent e : StaffViews.platform().deployments(session)) {
                events.add(List.of(StaffViews.when(e.at()), e.type(), e.detail()));
            }
            add(new H2(StaffViews.t(locale, "Verteilungen zur Laufzeit", "Deployments at runtime")));
            if (events.isEmpty()) {
                add(new Paragraph(StaffViews.t(locale, "Seit dem Start wurde nichts verteilt.", "Nothing was deployed since the start.")));
            } else {
                add(StaffViews.table(StaffViews.t(locale, "Neueste zuerst", "Newest first"), List.of(StaffViews.t(locale, "Zeit", "Time"),
                        StaffViews.t(locale, "Ereignis", "Event"), StaffViews.t(locale, "Baustein", "Bundle")), events));
            }
        } catch (BackOfficeException e) {
            add(new Paragraph(e.getMessage(locale)));
        }
    }

    /** The newest security evidence dossier in brief, with its download (docs/security-evidence.md). */
    private void evidence(Locale locale) {
        add(new H2(StaffViews.t(locale, "Sicherheitsnachweis", "Security evidence")));
        Div box = new Div();
        box.setId("evidence");
        var latest = StaffViews.platform().latestEvidence(session);
        if (latest.isEmpty()) {
            box.add(new Paragraph(StaffViews.t(locale,
                    "Noch kein Nachweis erstellt. Auf der Kommandozeile: bin/openikfz evidence (siehe docs/security-evidence.md).",
                    "No dossier made yet. On the command line: bin/openikfz evidence (see docs/security-evidence.md).")));
            add(box);
            return;
        }
        EvidenceSummary e = latest.get();
        box.add(new Paragraph(StaffViews.t(locale, "Nachweis ", "Dossier ") + e.folder() + " (" + StaffViews.when(e.created()) + "): "
                + e.passed() + StaffViews.t(locale, " Kontrollen nachgewiesen, ", " controls proven, ") + e.failed()
                + StaffViews.t(locale, " nicht erfüllt, ", " not met, ") + e.notChecked() + StaffViews.t(locale, " nicht prüfbar.", " not checkable.")));
        Paragraph signature = new Paragraph(e.signed()
                ? StaffViews.t(locale, "Signatur gültig, Schlüssel der Installation ", "Signature valid, installation key ") + e.fingerprint()
                : StaffViews.t(locale, "Signatur UNGÜLTIG oder Dateien verändert: diesen Nachweis nicht weitergeben.",
                        "Signature INVALID or files changed: do not hand this dossier on."));
        signature.setId("evidence-signature");
        box.add(signature);
        if (!e.failures().isEmpty()) {
            box.add(new Paragraph(StaffViews.t(locale, "Nicht erfüllt: ", "Not met: ") + String.join("; ", e.failures())));
        }
        Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] zip = StaffViews.platform().latestEvidenceArchive(session);
            return zip.length == 0 ? DownloadResponse.error(410, "no dossier")
                    : new DownloadResponse(new ByteArrayInputStream(zip), e.folder() + ".zip", "application/zip", zip.length);
        }), StaffViews.t(locale, "Nachweis herunterladen (ZIP)", "Download the dossier (ZIP)"));
        download.setId("evidence-download");
        download.getElement().setAttribute("download", true);
        box.add(download);
        add(box);
    }

    private static String state(ConnectorHealth.State state, Locale locale) {
        return switch (state) {
            case UP -> StaffViews.t(locale, "in Ordnung", "up");
            case DEGRADED -> StaffViews.t(locale, "BEEINTRÄCHTIGT", "DEGRADED");
            case DOWN -> StaffViews.t(locale, "NICHT ERREICHBAR", "DOWN");
        };
    }

    private static String kind(String kind, Locale locale) {
        return switch (kind) {
            case "procedure" -> StaffViews.t(locale, "Verfahren", "Procedure");
            case "check" -> StaffViews.t(locale, "Prüfung", "Check");
            case "connector" -> StaffViews.t(locale, "Konnektor", "Connector");
            case "simulator" -> StaffViews.t(locale, "Simulator", "Simulator");
            default -> StaffViews.t(locale, "Plattform", "Platform");
        };
    }

    @Override
    protected String[] title() {
        return new String[] {"Betrieb", "Operations"};
    }

    /** The procedures the district offers that are deployed but withheld, and why: a check that meets their needs is missing. */
    private void withheld(Locale locale, java.util.Map<String, List<String>> withheld) {
        if (withheld.isEmpty()) {
            return;
        }
        add(new H2(StaffViews.t(locale, "Nicht angebotene Verfahren", "Procedures not offered")));
        List<List<Object>> rows = new ArrayList<>();
        withheld.forEach((id, reasons) -> rows.add(List.of(id, String.join("; ", reasons))));
        Div table = StaffViews.table(StaffViews.t(locale,
                "Installiert, aber nicht angeboten: eine Angabe, die das Verfahren oder eine seiner Prüfungen braucht, liefert keine installierte Prüfung (auch unter /health/ready)",
                "Installed but not offered: a fact the procedure or one of its checks needs is produced by none of its installed checks (also at /health/ready)"),
                List.of(StaffViews.t(locale, "Verfahren", "Procedure"), StaffViews.t(locale, "Grund", "Reason")), rows);
        table.setId("withheld-procedures");
        add(table);
    }
}
