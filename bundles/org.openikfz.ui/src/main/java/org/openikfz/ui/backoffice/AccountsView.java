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
import org.openikfz.api.backoffice.AccountStatus;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.NewAccount;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffMember;

/**
 * Operators create the staff's accounts (the initial password and the code secret are shown once),
 * disable and enable them, reset their access (a new password and code secret, shown once) and
 * delete them (asked twice).
 */
public class AccountsView extends StaffPage {

    private static final long serialVersionUID = 1L;

    /** The account just created or reset, shown once. */
    private NewAccount created;
    private boolean reset;
    /** The account whose deletion was asked for once (the second click deletes). */
    private String deleting;
    private String outcome;

    @Override
    protected void entered(BeforeEnterEvent event) {
        created = null;
        deleting = null;
        outcome = null;
    }

    @Override
    protected void render(Locale locale) {
        add(new H1(StaffViews.t(locale, "Konten der Mitarbeitenden", "Staff accounts")));
        List<AccountStatus> members;
        try {
            members = StaffViews.staff().accountStatus(session);
        } catch (BackOfficeException e) {
            add(new Paragraph(e.getMessage(locale)));
            return;
        }
        if (created != null) {
            Div shown = new Div();
            shown.setId("new-account");
            shown.addClassNames("ikfz-notice", "info");
            shown.getElement().setAttribute("role", "status");
            shown.add(new Paragraph(reset
                    ? StaffViews.t(locale, "Zugang zurückgesetzt: das bisherige Passwort und der bisherige Code-Schlüssel gelten nicht mehr. "
                            + "Geben Sie die neuen persönlich weiter; sie werden nicht wieder angezeigt.",
                            "Access reset: the former password and code secret no longer work. Hand over the new ones in person; "
                                    + "they are not shown again.")
                    : StaffViews.t(locale, "Konto angelegt. Geben Sie Passwort und Code-Schlüssel persönlich weiter; sie werden nicht wieder angezeigt.",
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
        // the authorities whose cases this platform holds, to choose from; typed only while the engine is not running
        List<String> served = StaffViews.staff().authorities(session);
        com.vaadin.flow.component.Component authority;
        java.util.function.Supplier<String> office;
        if (served.isEmpty()) {
            TextField typed = new TextField(StaffViews.t(locale, "Zulassungsbehörde (Kürzel, z. B. ERZ)", "Registration authority (code, e.g. ERZ)"));
            authority = typed;
            office = typed::getValue;
        } else {
            Select<String> chosen = new Select<>();
            chosen.setLabel(StaffViews.t(locale, "Zulassungsbehörde", "Registration authority"));
            chosen.setItems(served);
            chosen.setValue(served.get(0));
            authority = chosen;
            office = chosen::getValue;
        }
        authority.setId("account-authority");
        Div problem = new Div();
        problem.setId("account-error");
        problem.getElement().setAttribute("role", "alert");
        Button create = new Button(StaffViews.t(locale, "Konto anlegen", "Create account"), e -> {
            try {
                created = StaffViews.staff().createAccount(session, user.getValue(), name.getValue(), role.getValue(), office.get());
                reset = false;
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
        for (AccountStatus a : members) {
            StaffMember m = a.member();
            String status = a.disabled() ? StaffViews.t(locale, "deaktiviert", "disabled")
                    : a.lockedUntil() != null ? StaffViews.t(locale, "gesperrt bis ", "locked until ") + StaffViews.DATE_TIME.format(a.lockedUntil())
                    : StaffViews.t(locale, "aktiv", "active");
            rows.add(List.of(m.user(), m.displayName(), StaffViews.role(m.role(), locale), m.authority(), status, actions(a, locale)));
        }
        add(new H2(StaffViews.t(locale, "Alle Konten", "All accounts")));
        if (outcome != null) {
            Paragraph said = new Paragraph(outcome);
            said.setId("account-outcome");
            said.getElement().setAttribute("role", "status");
            add(said);
            outcome = null;
        }
        add(StaffViews.table(StaffViews.t(locale, "Konten", "Accounts"), List.of(StaffViews.t(locale, "Benutzername", "User name"),
                StaffViews.t(locale, "Name", "Name"), StaffViews.t(locale, "Rolle", "Role"), StaffViews.t(locale, "Behörde", "Authority"),
                StaffViews.t(locale, "Status", "Status"), StaffViews.t(locale, "Aktionen", "Actions")), rows));
    }

    /** Disable or enable, reset the access, delete: not for one's own account. */
    private Div actions(AccountStatus account, Locale locale) {
        Div actions = new Div();
        String user = account.member().user();
        if (user.equals(session.member().user())) {
            return actions;
        }
        Button toggle = new Button(account.disabled() ? StaffViews.t(locale, "Aktivieren", "Enable") : StaffViews.t(locale, "Deaktivieren", "Disable"),
                e -> act(locale, () -> {
                    StaffViews.staff().setDisabled(session, user, !account.disabled());
                    return account.disabled() ? StaffViews.t(locale, "Konto " + user + " ist wieder aktiv.", "Account " + user + " is active again.")
                            : StaffViews.t(locale, "Konto " + user + " ist deaktiviert; seine Sitzungen sind beendet.",
                                    "Account " + user + " is disabled; its sessions have ended.");
                }));
        toggle.setId("account-toggle-" + user);
        toggle.getElement().setAttribute("aria-label", toggle.getText() + ": " + user);
        Button resetAccess = new Button(StaffViews.t(locale, "Zugang zurücksetzen", "Reset access"), e -> act(locale, () -> {
            created = StaffViews.staff().resetAccess(session, user);
            reset = true;
            return null;
        }));
        resetAccess.setId("account-reset-" + user);
        resetAccess.getElement().setAttribute("aria-label", resetAccess.getText() + ": " + user);
        boolean asked = user.equals(deleting);
        Button delete = new Button(asked ? StaffViews.t(locale, "Wirklich löschen?", "Really delete?") : StaffViews.t(locale, "Löschen", "Delete"),
                e -> {
                    if (!asked) {
                        deleting = user;
                        redraw();
                        return;
                    }
                    act(locale, () -> {
                        StaffViews.staff().deleteAccount(session, user);
                        return StaffViews.t(locale, "Konto " + user + " ist gelöscht.", "Account " + user + " has been deleted.");
                    });
                });
        delete.setId("account-delete-" + user);
        delete.getElement().setAttribute("aria-label", delete.getText() + ": " + user);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        actions.add(toggle, resetAccess, delete);
        actions.addClassName("ikfz-account-actions");
        return actions;
    }

    private void act(Locale locale, java.util.function.Supplier<String> action) {
        deleting = null;
        try {
            outcome = action.get();
        } catch (BackOfficeException ex) {
            outcome = ex.getMessage(locale);
        }
        redraw();
        created = null;
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
