package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A page of the back office for a logged-in member of staff: without a valid session the page is
 * left for the login; with one it renders with the navigation on top. The services check what the
 * member may do; the page only shows it.
 */
abstract class StaffPage extends Section implements BeforeEnterObserver, HasDynamicTitle {

    private static final long serialVersionUID = 1L;

    /** The member's session while the page is shown. */
    protected org.openikfz.api.backoffice.StaffSession session;

    StaffPage() {
        addClassName("ikfz-step");
        addClassName("ikfz-staff");
    }

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        session = StaffViews.requireSession(event).orElse(null);
        if (session != null) {
            entered(event);
            redraw();
        }
    }

    /** Reads what the page needs from the address (e.g. the case's id); by default nothing. */
    protected void entered(BeforeEnterEvent event) {
    }

    /** Renders the page anew, below the navigation. */
    protected final void redraw() {
        removeAll();
        add(StaffViews.navigation(session, getLocale()));
        render(getLocale());
    }

    protected abstract void render(Locale locale);

    /** The page title: German, English. */
    protected abstract String[] title();

    @Override
    public final String getPageTitle() {
        String[] title = title();
        return StaffViews.t(getLocale(), title[0], title[1]) + " – " + StaffViews.t(getLocale(), "Sachbearbeitung", "back office")
                + " – Open i-Kfz";
    }

    /** The id in the address's {@code ?id=}, or {@code null} when missing or malformed. */
    static UUID id(BeforeEnterEvent event) {
        List<String> ids = event.getLocation().getQueryParameters().getParameters().getOrDefault("id", List.of());
        try {
            return ids.isEmpty() ? null : UUID.fromString(ids.get(0));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
