package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.ManualSelection;
import org.openikfz.api.backoffice.ReviewStatistics;
import org.openikfz.api.backoffice.ReviewedDecision;

/**
 * The Vorbehalt der Nachprüfung (FZV § 23(3)) for supervisors and auditors: statistics per
 * procedure, the decisions drawn for review, and the recent automated decisions to select from.
 */
public class ReviewQueueView extends StaffPage {

    private static final long serialVersionUID = 1L;
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");


    @Override
    protected void render(Locale locale) {
        add(new H1(StaffViews.t(locale, "Nachprüfung automatisierter Bescheide", "Review of automated decisions") + " – "
                + session.member().authority()));
        add(new Paragraph(StaffViews.t(locale,
                "Automatisiert erlassene Bescheide stehen einen Monat ab ihrer Wirksamkeit unter dem Vorbehalt der Nachprüfung (§ 23 Abs. 3 FZV). Ein Teil wird zufällig gezogen; weitere wählen Sie regelmäßig selbst aus.",
                "Automated decisions stay open to review for one month from effectiveness. A share is drawn at random; select further ones regularly.")));
        try {
            ManualSelection selection = StaffViews.review().manualSelection(session);
            Div schedule = new Div(new Span(StaffViews.t(locale, "Manuelle Auswahl: ", "Manual selection: ")
                    + (selection.last() == null ? StaffViews.t(locale, "noch keine", "none yet") : StaffViews.when(selection.last()))
                    + StaffViews.t(locale, " · vorgesehen alle " + selection.intervalDays() + " Tage",
                            " · due every " + selection.intervalDays() + " days")
                    + (selection.due() ? StaffViews.t(locale, " · jetzt fällig: Bitte wählen Sie Bescheide zur Nachprüfung aus.",
                            " · due now: please select decisions for review.") : "")));
            schedule.setId("manual-selection");
            schedule.addClassNames("ikfz-notice", selection.due() ? "warning" : "info");
            schedule.getElement().setAttribute("role", "status");
            add(schedule);
            List<List<Object>> stats = new ArrayList<>();
            for (ReviewStatistics s : StaffViews.review().statistics(session)) {
                stats.add(List.of(s.procedure(), s.decided(), s.drawnAtRandom(), s.selected(), s.open(), s.confirmed(), s.revoked()));
            }
            add(new H2(StaffViews.t(locale, "Statistik", "Statistics")));
            add(StaffViews.table(StaffViews.t(locale, "Automatisierte Bescheide je Verfahren", "Automated decisions per procedure"),
                    List.of(StaffViews.t(locale, "Verfahren", "Procedure"), StaffViews.t(locale, "Bescheide", "Decisions"),
                            StaffViews.t(locale, "zufällig gezogen", "drawn at random"), StaffViews.t(locale, "ausgewählt", "selected"),
                            StaffViews.t(locale, "offen", "open"), StaffViews.t(locale, "bestätigt", "confirmed"),
                            StaffViews.t(locale, "widerrufen", "revoked")), stats));
            List<ReviewedDecision> decisions = StaffViews.review().decisions(session, false);
            add(new H2(StaffViews.t(locale, "Bescheide", "Decisions")));
            if (decisions.isEmpty()) {
                add(new Paragraph(StaffViews.t(locale, "Noch keine automatisierten Bescheide.", "No automated decisions yet.")));
                return;
            }
            List<List<Object>> rows = new ArrayList<>();
            for (ReviewedDecision d : decisions) {
                Anchor open = new Anchor(StaffViews.REVIEW + "?id=" + d.application(), StaffViews.t(locale, "Ansehen", "View"));
                open.getElement().setAttribute("router-link", true);
                open.getElement().setAttribute("aria-label", StaffViews.t(locale, "Bescheid ansehen: ", "View decision: ") + d.reference());
                open.addClassName("ikfz-review-link");
                rows.add(List.of(d.reference(), d.procedureTitle(), StaffViews.when(d.decidedAt()),
                        d.reviewableUntil() == null ? StaffViews.t(locale, "noch nicht wirksam", "not effective yet") : DATE.format(d.reviewableUntil()),
                        state(d, locale), open));
            }
            add(StaffViews.table(StaffViews.t(locale, "Bescheide, neueste zuerst", "Decisions, newest first"),
                    List.of(StaffViews.t(locale, "Aktenzeichen", "Reference"), StaffViews.t(locale, "Verfahren", "Procedure"),
                            StaffViews.t(locale, "Erlassen", "Decided"), StaffViews.t(locale, "Nachprüfbar bis", "Reviewable until"),
                            StaffViews.t(locale, "Nachprüfung", "Review"), ""), rows));
        } catch (BackOfficeException e) {
            add(new Paragraph(e.getMessage(locale)));
        }
    }

    static String state(ReviewedDecision d, Locale locale) {
        String drawn = "RANDOM".equals(d.drawnBy()) ? StaffViews.t(locale, " (zufällig gezogen)", " (drawn at random)")
                : "MANUAL".equals(d.drawnBy()) ? StaffViews.t(locale, " (ausgewählt)", " (selected)") : "";
        return switch (d.reviewState()) {
            case ReviewedDecision.OPEN -> StaffViews.t(locale, "offen", "open") + drawn;
            case ReviewedDecision.CONFIRMED -> StaffViews.t(locale, "bestätigt von ", "confirmed by ") + d.reviewer() + drawn;
            case ReviewedDecision.REVOKED -> StaffViews.t(locale, "widerrufen von ", "revoked by ") + d.reviewer() + drawn;
            default -> StaffViews.t(locale, "nicht gezogen", "not drawn");
        };
    }

    @Override
    protected String[] title() {
        return new String[] {"Nachprüfung", "Review"};
    }
}
