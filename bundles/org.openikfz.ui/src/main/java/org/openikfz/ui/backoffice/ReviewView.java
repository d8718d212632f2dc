package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.ReviewedDecision;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.TraceEntry;
import org.openikfz.api.text.LocalizedText;

/**
 * One automated decision: how it was reached, step by step (FZV § 23(3)), the export for the
 * auditors' files, and for supervisors selection, confirmation or revocation with a reason.
 */
public class ReviewView extends StaffPage {

    private static final long serialVersionUID = 1L;

    private UUID id;
    private String problemText;

    @Override
    protected void entered(BeforeEnterEvent event) {
        id = id(event);
    }

    @Override
    protected void render(Locale locale) {
        ReviewedDecision decision;
        List<TraceEntry> trace;
        try {
            if (id == null) {
                throw new BackOfficeException(BackOfficeException.Reason.NOT_FOUND, LocalizedText.of(
                        "Diese Entscheidung gibt es nicht.", "There is no such decision."));
            }
            decision = StaffViews.review().decision(session, id);
            trace = StaffViews.review().trace(session, id);
        } catch (BackOfficeException e) {
            add(new H1(StaffViews.t(locale, "Bescheid", "Decision")), new Paragraph(e.getMessage(locale)));
            return;
        }
        add(new H1(decision.procedureTitle() + " – " + decision.reference()));
        add(new Paragraph(StaffViews.t(locale, "Erlassen: ", "Decided: ") + StaffViews.when(decision.decidedAt()) + " · "
                + StaffViews.t(locale, "Nachprüfbar bis: ", "Reviewable until: ")
                + (decision.reviewableUntil() == null ? StaffViews.t(locale, "noch nicht wirksam", "not effective yet")
                        : ReviewQueueView.DATE.format(decision.reviewableUntil()))
                + " · " + StaffViews.t(locale, "Nachprüfung: ", "Review: ") + ReviewQueueView.state(decision, locale)));
        add(new H2(StaffViews.t(locale, "So wurde entschieden", "How it was decided")));
        List<List<Object>> rows = new ArrayList<>();
        for (TraceEntry t : trace) {
            rows.add(List.of(t.seq(), t.step(), t.outcome(), t.inputs() == null ? "" : t.inputs(),
                    t.established() == null ? "" : t.established(), t.rule() == null ? "" : t.rule(), t.version() == null ? "" : t.version()));
        }
        add(StaffViews.table(StaffViews.t(locale, "Prüfschritte mit maskierten Eingaben", "Steps with masked inputs"),
                List.of("#", StaffViews.t(locale, "Schritt", "Step"), StaffViews.t(locale, "Ergebnis", "Outcome"),
                        StaffViews.t(locale, "Eingaben (maskiert)", "Inputs (masked)"), StaffViews.t(locale, "Festgestellt", "Established"),
                        StaffViews.t(locale, "Regel", "Rule"), StaffViews.t(locale, "Version", "Version")), rows));
        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            try {
                byte[] json = StaffViews.review().export(session, id).getBytes(StandardCharsets.UTF_8);
                return new DownloadResponse(new ByteArrayInputStream(json), "Nachvollzug-" + decision.reference() + ".json",
                        "application/json", json.length);
            } catch (BackOfficeException e) {
                return DownloadResponse.error(403, e.getMessage(Locale.ENGLISH));
            }
        }), StaffViews.t(locale, "Nachvollzug exportieren (JSON)", "Export the workings (JSON)"));
        export.setId("review-export");
        export.getElement().setAttribute("download", true);
        add(new Div(export));
        if (session.member().role() == Role.SUPERVISOR) {
            actions(decision, locale, problemText);
        }
    }

    private void actions(ReviewedDecision decision, Locale locale, String problemText) {
        add(new H2(StaffViews.t(locale, "Nachprüfung", "Review")));
        Div problem = new Div();
        problem.setId("review-error");
        problem.getElement().setAttribute("role", "alert");
        if (problemText != null) {
            problem.setText(problemText);
        }
        switch (decision.reviewState()) {
            case ReviewedDecision.NONE -> {
                Button select = new Button(StaffViews.t(locale, "Zur Nachprüfung auswählen", "Select for review"),
                        e -> act(() -> StaffViews.review().select(session, id)));
                select.setId("review-select");
                select.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                add(problem, new HorizontalLayout(select));
            }
            case ReviewedDecision.OPEN -> {
                TextArea text = new TextArea(StaffViews.t(locale, "Vermerk oder Begründung des Widerrufs", "Note or reasons for the revocation"));
                text.setId("review-text");
                text.setWidthFull();
                text.setMaxLength(4000);
                Button confirm = new Button(StaffViews.t(locale, "Bescheid bestätigen", "Confirm the decision"),
                        e -> act(() -> StaffViews.review().confirm(session, id, text.getValue())));
                confirm.setId("review-confirm");
                confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                Button revoke = new Button(StaffViews.t(locale, "Bescheid widerrufen", "Revoke the decision"),
                        e -> act(() -> StaffViews.review().revoke(session, id, text.getValue())));
                revoke.setId("review-revoke");
                revoke.addThemeVariants(ButtonVariant.LUMO_ERROR);
                HorizontalLayout buttons = new HorizontalLayout(confirm, revoke);
                buttons.addClassName("ikfz-buttons");
                add(text, problem, buttons);
            }
            default -> add(new Paragraph(decision.reviewNote() == null ? "" : StaffViews.t(locale, "Vermerk: ", "Note: ") + decision.reviewNote()));
        }
    }

    private void act(Runnable action) {
        try {
            action.run();
            problemText = null;
        } catch (BackOfficeException e) {
            problemText = e.getMessage(getLocale());
        }
        redraw();
    }

    @Override
    protected String[] title() {
        return new String[] {"Bescheid", "Decision"};
    }
}
