package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import java.util.Locale;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffSession;

/** The back office's login: user name, password and the one-time code of the authenticator app. */
public class StaffLoginView extends Section implements BeforeEnterObserver, HasDynamicTitle {

    private static final long serialVersionUID = 1L;

    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField code = new TextField();
    private final Div problem = new Div();

    public StaffLoginView() {
        addClassName("ikfz-step");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("abmelden")) {
            StaffViews.logout();
        } else if (StaffViews.session().isPresent()) {
            event.forwardTo(StaffViews.session().get().member().role() == Role.OPERATOR ? StaffViews.ACCOUNTS : StaffViews.CASES);
            return;
        }
        render(getLocale());
    }

    private void render(Locale locale) {
        removeAll();
        add(new H1(StaffViews.t(locale, "Anmeldung für die Zulassungsbehörde", "Login for the registration authority")));
        add(new Paragraph(StaffViews.t(locale,
                "Für Sachbearbeitung, Leitung, Prüfung und Betrieb. Sie brauchen Ihren Benutzernamen, Ihr Passwort und den sechsstelligen Code aus Ihrer Authenticator-App.",
                "For clerks, supervisors, auditors and operators. You need your user name, your password and the six-digit code from your authenticator app.")));
        user.setLabel(StaffViews.t(locale, "Benutzername", "User name"));
        user.setId("staff-user");
        user.getElement().setAttribute("autocomplete", "username");
        password.setLabel(StaffViews.t(locale, "Passwort", "Password"));
        password.setId("staff-password");
        password.getElement().setAttribute("autocomplete", "current-password");
        code.setLabel(StaffViews.t(locale, "Code aus der Authenticator-App", "Code from the authenticator app"));
        code.setId("staff-code");
        code.setAllowedCharPattern("[0-9]");
        code.setMaxLength(6);
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.getElement().setAttribute("inputmode", "numeric");
        problem.setId("staff-error");
        problem.addClassName("ikfz-findings");
        problem.getElement().setAttribute("role", "alert");
        Button login = new Button(StaffViews.t(locale, "Anmelden", "Log in"), e -> login(locale));
        login.setId("staff-login");
        login.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        login.addClickShortcut(Key.ENTER);
        Div form = new Div(user, password, code);
        form.addClassName("ikfz-staff-form");
        add(form, problem, login);
    }

    private void login(Locale locale) {
        problem.setText("");
        try {
            // the client's address (behind a trusted proxy: the one it forwarded): failures are throttled per address first
            String address = com.vaadin.flow.server.VaadinService.getCurrentRequest().getRemoteAddr();
            StaffSession session = StaffViews.staff().login(user.getValue(), password.getValue(), code.getValue(), address);
            // a new HTTP session after the login: an id planted before cannot ride on it (session fixation)
            com.vaadin.flow.server.VaadinService.reinitializeSession(com.vaadin.flow.server.VaadinService.getCurrentRequest());
            StaffViews.remember(session);
            password.clear();
            code.clear();
            UI.getCurrent().navigate(session.member().role() == Role.OPERATOR ? StaffViews.ACCOUNTS : StaffViews.CASES);
        } catch (BackOfficeException e) {
            password.clear();
            code.clear();
            problem.setText(e.getMessage(locale));
        }
    }

    @Override
    public String getPageTitle() {
        return StaffViews.t(getLocale(), "Anmeldung – Sachbearbeitung – Open i-Kfz", "Login – back office – Open i-Kfz");
    }
}
