package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinSession;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.ClerkWorkspace;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffDirectory;
import org.openikfz.api.backoffice.StaffSession;
import org.openikfz.ui.view.MainLayout;
import org.openikfz.ui.web.BackOfficeAccess;

/**
 * What the back office's views share: their routes, the member of staff's session (its token in
 * the Vaadin session, checked with the staff directory on every page), the navigation and tables.
 * The views only render; every permission is checked by the services.
 */
public final class StaffViews {

    static final String LOGIN = "sachbearbeitung";
    static final String CASES = "sachbearbeitung/faelle";
    static final String CASE = "sachbearbeitung/fall";
    static final String POST = "sachbearbeitung/post";
    static final String ACCOUNTS = "sachbearbeitung/konten";
    static final String REVIEWS = "sachbearbeitung/nachpruefung";
    static final String REVIEW = "sachbearbeitung/entscheidung";
    static final String PLATFORM = "sachbearbeitung/betrieb";
    static final String PASSWORD = "sachbearbeitung/passwort";
    private static final String TOKEN = "openikfz.staff.token";
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZoneId.of("Europe/Berlin"));

    private StaffViews() {
    }

    /** The back office's own Vaadin application: its start page leads to the login, then its views. */
    public static void registerAll(RouteConfiguration routes) {
        routes.update(() -> {
            routes.setRoute("", BackOfficeHome.class, List.of(MainLayout.class));
            register(routes);
        });
    }

    static void register(RouteConfiguration routes) {
        routes.setRoute(LOGIN, StaffLoginView.class, List.of(MainLayout.class));
        routes.setRoute(CASES, CaseQueueView.class, List.of(MainLayout.class));
        routes.setRoute(CASE, CaseView.class, List.of(MainLayout.class));
        routes.setRoute(POST, PostalOutboxView.class, List.of(MainLayout.class));
        routes.setRoute(ACCOUNTS, AccountsView.class, List.of(MainLayout.class));
        routes.setRoute(REVIEWS, ReviewQueueView.class, List.of(MainLayout.class));
        routes.setRoute(REVIEW, ReviewView.class, List.of(MainLayout.class));
        routes.setRoute(PLATFORM, PlatformView.class, List.of(MainLayout.class));
        routes.setRoute(PASSWORD, PasswordView.class, List.of(MainLayout.class));
    }

    static void remember(StaffSession session) {
        VaadinSession.getCurrent().setAttribute(TOKEN, session.token());
    }

    /** The member's valid session, or empty (not logged in, expired, or the service is away). */
    static Optional<StaffSession> session() {
        String token = (String) VaadinSession.getCurrent().getAttribute(TOKEN);
        return BackOfficeAccess.current().staff().flatMap(s -> s.session(token));
    }

    /** The session for a view; without one the view is left for the login page. */
    static Optional<StaffSession> requireSession(BeforeEnterEvent event) {
        Optional<StaffSession> session = session();
        if (session.isEmpty()) {
            event.forwardTo(LOGIN);
        }
        return session;
    }

    static void logout() {
        String token = (String) VaadinSession.getCurrent().getAttribute(TOKEN);
        BackOfficeAccess.current().staff().ifPresent(s -> s.logout(token));
        VaadinSession.getCurrent().setAttribute(TOKEN, null);
    }

    static StaffDirectory staff() {
        return BackOfficeAccess.current().staff().orElseThrow(StaffViews::unavailable);
    }

    static org.openikfz.api.backoffice.DecisionReview review() {
        return BackOfficeAccess.current().review().orElseThrow(StaffViews::unavailable);
    }

    static org.openikfz.api.backoffice.PlatformOverview platform() {
        return BackOfficeAccess.current().platform().orElseThrow(StaffViews::unavailable);
    }

    static ClerkWorkspace workspace() {
        return BackOfficeAccess.current().workspace().orElseThrow(StaffViews::unavailable);
    }

    private static BackOfficeException unavailable() {
        return new BackOfficeException(BackOfficeException.Reason.WRONG_STATE, org.openikfz.api.text.LocalizedText.of(
                "Die Sachbearbeitung ist gerade nicht verfügbar. Bitte versuchen Sie es in einigen Minuten erneut.",
                "The back office is not available right now. Please try again in a few minutes."));
    }

    /** The navigation of the back office for the member's role. */
    static Component navigation(StaffSession session, Locale locale) {
        Nav nav = new Nav();
        nav.addClassName("ikfz-staff-nav");
        nav.getElement().setAttribute("aria-label", t(locale, "Sachbearbeitung", "Back office"));
        Span who = new Span(session.member().displayName() + " (" + role(session.member().role(), locale) + ", "
                + session.member().authority() + ")");
        who.addClassName("ikfz-staff-who");
        nav.add(who);
        if (session.member().role().readsCases()) {
            nav.add(link(CASES, t(locale, "Fälle", "Cases")), link(POST, t(locale, "Postausgang", "Postal outbox")));
        }
        if (session.member().role() == Role.SUPERVISOR || session.member().role() == Role.AUDITOR) {
            nav.add(link(REVIEWS, t(locale, "Nachprüfung", "Review")));
        }
        if (session.member().role() == Role.OPERATOR) {
            nav.add(link(ACCOUNTS, t(locale, "Konten", "Accounts")));
        }
        if (session.member().role() == Role.OPERATOR || session.member().role() == Role.AUDITOR) {
            nav.add(link(PLATFORM, t(locale, "Betrieb und Protokoll", "Operations and log")));
        }
        nav.add(link(PASSWORD, t(locale, "Passwort ändern", "Change password")));
        Anchor logout = link(LOGIN + "?abmelden", t(locale, "Abmelden", "Log out"));
        logout.setId("staff-logout");
        nav.add(logout);
        return nav;
    }

    private static Anchor link(String route, String text) {
        Anchor a = new Anchor(route, text);
        a.getElement().setAttribute("router-link", true);
        return a;
    }

    static String role(Role role, Locale locale) {
        return switch (role) {
            case CLERK -> t(locale, "Sachbearbeitung", "Clerk");
            case SUPERVISOR -> t(locale, "Leitung", "Supervisor");
            case AUDITOR -> t(locale, "Prüfung", "Auditor");
            case OPERATOR -> t(locale, "Betrieb", "Operator");
        };
    }

    /** An accessible table: a caption, header cells with scope, one row per entry. */
    static Div table(String caption, List<String> headers, List<List<Object>> rows) {
        Element table = new Element("table");
        table.getClassList().add("ikfz-table");
        Element cap = new Element("caption");
        cap.setText(caption);
        table.appendChild(cap);
        Element head = new Element("tr");
        for (String h : headers) {
            Element th = new Element("th");
            th.setAttribute("scope", "col");
            th.setText(h);
            head.appendChild(th);
        }
        table.appendChild(new Element("thead").appendChild(head));
        Element body = new Element("tbody");
        for (List<Object> row : rows) {
            Element tr = new Element("tr");
            for (Object cell : row) {
                Element td = new Element("td");
                if (cell instanceof Component component) {
                    td.appendChild(component.getElement());
                } else {
                    String text = cell == null ? "" : cell.toString();
                    td.setText(text);
                    if (text.length() > 24) {
                        td.getClassList().add("ikfz-long");
                    }
                }
                tr.appendChild(td);
            }
            body.appendChild(tr);
        }
        table.appendChild(body);
        Div wrapper = new Div();
        wrapper.addClassName("ikfz-table-wrapper");
        // should it still scroll sideways, the keyboard reaches it (WCAG 2.1.1)
        wrapper.getElement().setAttribute("tabindex", "0");
        wrapper.getElement().setAttribute("role", "region");
        wrapper.getElement().setAttribute("aria-label", caption);
        wrapper.getElement().appendChild(table);
        return wrapper;
    }

    static String when(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    static String t(Locale locale, String german, String english) {
        return locale != null && locale.getLanguage().equals("en") ? english : german;
    }
}
