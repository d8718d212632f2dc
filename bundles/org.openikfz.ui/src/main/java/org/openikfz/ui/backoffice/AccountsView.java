package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.NewAccount;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffMember;

/** Operators create the staff's accounts; the initial password and the code secret are shown once. */
public class AccountsView extends StaffPage {

    private static final long serialVersionUID = 1L;

    /** The account just created, shown once. */
    private NewAccount created;

    @Override
    protected void entered(BeforeEnterEvent event) {
        created = null;
    }

    @Override
    protected void render(Locale locale) {
        add(new H1(StaffViews.t(locale, "Konten der Mitarbeitenden", "Staff accounts")));
        List<StaffMember> members;
        try {
            members = StaffViews.staff().accounts(session);
        } catch (BackOfficeException e) {
            add(new Paragraph(e.getMessage(locale)));
            return;
        }
        if (created != null) {
            Div shown = new Div();
            shown.setId("new-account");
            shown.addClassNames("ikfz-notice", "info");
            shown.getElement().setAttribute("role", "status");
            shown.add(new Paragraph(StaffViews.t(locale, "Konto angelegt. Geben Sie Passwort und Code-Schlüssel persönlich weiter; sie werden nicht wieder angezeigt.",
                    "Account created. Hand over password and code secret in person; they are not shown again.")));
            shown.add(line("new-account-user", StaffViews.t(locale, "Benutzername", "User name"), created.member().user()));
            shown.add(line("new-account-password", StaffViews.t(locale, "Erstes Passwort", "Initial password"), created.initialPassword()));
            shown.add(line("new-account-secret", StaffViews.t(locale, "Code-Schlüssel für die Authenticator-App", "Code secret for the authenticator app"),
                    created.totpSecret()));
            add(shown);
        }
        add(new H2(StaffViews.t(locale, "Neues Konto", "New account")));
        TextField user = new TextField(StaffViews.t(locale, "Benutzername", "User name"));
        user.setId("account-user");
        TextField name = new TextField(StaffViews.t(locale, "Name", "Name"));
        name.setId("account-name");
        Select<Role> role = new Select<>();
        role.setLabel(StaffViews.t(locale, "Rolle", "Role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> StaffViews.role(r, locale));
        role.setValue(Role.CLERK);
        role.setId("account-role");
        TextField authority = new TextField(StaffViews.t(locale, "Zulassungsbehörde (Kürzel, z. B. ERZ)", "Registration authority (code, e.g. ERZ)"));
        authority.setId("account-authority");
        Div problem = new Div();
        problem.setId("account-error");
        problem.getElement().setAttribute("role", "alert");
        Button create = new Button(StaffViews.t(locale, "Konto anlegen", "Create account"), e -> {
            try {
                created = StaffViews.staff().createAccount(session, user.getValue(), name.getValue(), role.getValue(), authority.getValue());
                redraw();
                created = null;
            } catch (BackOfficeException ex) {
                problem.setText(ex.getMessage(locale));
            }
        });
        create.setId("account-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(user, name, role, authority);
        form.addClassName("ikfz-staff-form");
        add(form, problem, create);
        List<List<Object>> rows = new ArrayList<>();
        for (StaffMember m : members) {
            rows.add(List.of(m.user(), m.displayName(), StaffViews.role(m.role(), locale), m.authority()));
        }
        add(new H2(StaffViews.t(locale, "Alle Konten", "All accounts")));
        add(StaffViews.table(StaffViews.t(locale, "Konten", "Accounts"), List.of(StaffViews.t(locale, "Benutzername", "User name"),
                StaffViews.t(locale, "Name", "Name"), StaffViews.t(locale, "Rolle", "Role"), StaffViews.t(locale, "Behörde", "Authority")), rows));
    }

    private static Div line(String id, String label, String value) {
        Span l = new Span(label);
        l.addClassName("label");
        Span v = new Span(value);
        v.addClassName("value");
        v.setId(id);
        Div row = new Div(l, v);
        row.addClassName("ikfz-review-row");
        return row;
    }

    @Override
    protected String[] title() {
        return new String[] {"Konten", "Accounts"};
    }
}
