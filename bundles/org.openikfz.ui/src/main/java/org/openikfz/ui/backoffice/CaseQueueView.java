package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.ClerkCase;

/** The cases of the member's authority the machine could not decide (FZV § 19(1) S. 4), open ones first. */
public class CaseQueueView extends StaffPage {

    private static final long serialVersionUID = 1L;


    @Override
    protected void render(Locale locale) {
        add(new H1(StaffViews.t(locale, "Fälle zur Entscheidung", "Cases to decide") + " – " + session.member().authority()));
        try {
            List<ClerkCase> cases = StaffViews.workspace().queue(session);
            if (cases.isEmpty()) {
                add(new Paragraph(StaffViews.t(locale, "Derzeit liegen keine Fälle vor.", "There are no cases right now.")));
                return;
            }
            List<List<Object>> rows = new ArrayList<>();
            for (ClerkCase c : cases) {
                Anchor open = new Anchor(StaffViews.CASE + "?id=" + c.application(), StaffViews.t(locale, "Öffnen", "Open"));
                open.getElement().setAttribute("router-link", true);
                open.getElement().setAttribute("aria-label", StaffViews.t(locale, "Fall öffnen: ", "Open case: ") + c.procedureTitle()
                        + ", " + StaffViews.when(c.received()));
                open.addClassName("ikfz-case-link");
                rows.add(List.of(StaffViews.when(c.received()), c.procedureTitle(), c.reason(), state(c, locale), open));
            }
            add(StaffViews.table(StaffViews.t(locale, "Fälle, offene zuerst", "Cases, open ones first"),
                    List.of(StaffViews.t(locale, "Eingang", "Received"), StaffViews.t(locale, "Verfahren", "Procedure"),
                            StaffViews.t(locale, "Warum nicht maschinell", "Why not by machine"), StaffViews.t(locale, "Stand", "State"), ""),
                    rows));
        } catch (BackOfficeException e) {
            add(new Paragraph(e.getMessage(locale)));
        }
    }

    static String state(ClerkCase c, Locale locale) {
        return switch (c.state()) {
            case ClerkCase.APPROVED -> StaffViews.t(locale, "stattgegeben von ", "granted by ") + c.decidedBy();
            case ClerkCase.REJECTED -> StaffViews.t(locale, "abgelehnt von ", "refused by ") + c.decidedBy();
            default -> StaffViews.t(locale, "offen", "open");
        };
    }

    @Override
    protected String[] title() {
        return new String[] {"Fälle", "Cases"};
    }
}
