package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.PostalItem;

/** The authority's outgoing letters: what was queued, and when it was handed to the post service. */
public class PostalOutboxView extends StaffPage {

    private static final long serialVersionUID = 1L;


    @Override
    protected void render(Locale locale) {
        add(new H1(StaffViews.t(locale, "Postausgang", "Postal outbox") + " – " + session.member().authority()));
        try {
            List<PostalItem> letters = StaffViews.workspace().postalOutbox(session);
            if (letters.isEmpty()) {
                add(new Paragraph(StaffViews.t(locale, "Es liegen keine Briefe vor.", "There are no letters.")));
                return;
            }
            List<List<Object>> rows = new ArrayList<>();
            for (PostalItem letter : letters) {
                rows.add(List.of(StaffViews.when(letter.queuedAt()), kind(letter.kind(), locale), letter.application().toString().substring(0, 8),
                        letter.deliveredAt() == null ? StaffViews.t(locale, "wartet", "queued")
                                : StaffViews.t(locale, "übergeben ", "handed over ") + StaffViews.when(letter.deliveredAt())));
            }
            add(StaffViews.table(StaffViews.t(locale, "Briefe, neueste zuerst", "Letters, newest first"),
                    List.of(StaffViews.t(locale, "Erstellt", "Queued"), StaffViews.t(locale, "Art", "Kind"),
                            StaffViews.t(locale, "Antrag", "Application"), StaffViews.t(locale, "Stand", "State")), rows));
        } catch (BackOfficeException e) {
            add(new Paragraph(e.getMessage(locale)));
        }
    }

    static String kind(String kind, Locale locale) {
        return switch (kind) {
            case "clerk-decision" -> StaffViews.t(locale, "Bescheid der Sachbearbeitung", "Clerk's decision");
            case "decision-printout" -> StaffViews.t(locale, "Ausdruck des Bescheids", "Printout of the decision");
            case "registration-documents" -> StaffViews.t(locale, "Zulassungsunterlagen", "Registration documents");
            case "notice-to-holder" -> StaffViews.t(locale, "Mitteilung an den Halter", "Notice to the holder");
            case "notice-to-previous-holder" -> StaffViews.t(locale, "Mitteilung an den bisherigen Halter", "Notice to the previous holder");
            default -> kind;
        };
    }

    @Override
    protected String[] title() {
        return new String[] {"Postausgang", "Postal outbox"};
    }
}
