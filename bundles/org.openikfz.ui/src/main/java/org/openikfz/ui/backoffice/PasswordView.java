package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import java.util.Locale;
import org.openikfz.api.backoffice.BackOfficeException;

/** Every member of staff changes their own password here: the current one first, then the new one twice. */
public class PasswordView extends StaffPage {

    private static final long serialVersionUID = 1L;

    @Override
    protected void render(Locale locale) {
        add(new H1(StaffViews.t(locale, "Passwort ändern", "Change password")));
        add(new Paragraph(StaffViews.t(locale, "Das neue Passwort braucht mindestens 12 Zeichen; ein Satz, den Sie sich merken "
                + "können, ist gut.", "The new password needs at least 12 characters; a sentence you can remember is good.")));
        PasswordField current = new PasswordField(StaffViews.t(locale, "Bisheriges Passwort", "Current password"));
        current.setId("password-current");
        current.getElement().setAttribute("autocomplete", "current-password");
        PasswordField chosen = new PasswordField(StaffViews.t(locale, "Neues Passwort", "New password"));
        chosen.setId("password-new");
        chosen.getElement().setAttribute("autocomplete", "new-password");
        PasswordField repeated = new PasswordField(StaffViews.t(locale, "Neues Passwort wiederholen", "Repeat the new password"));
        repeated.setId("password-repeat");
        repeated.getElement().setAttribute("autocomplete", "new-password");
        Div outcome = new Div();
        outcome.setId("password-outcome");
        outcome.getElement().setAttribute("role", "alert");
        Button change = new Button(StaffViews.t(locale, "Passwort ändern", "Change password"), e -> {
            if (!chosen.getValue().equals(repeated.getValue())) {
                outcome.setText(StaffViews.t(locale, "Die beiden neuen Passwörter sind nicht gleich.", "The two new passwords differ."));
                return;
            }
            try {
                StaffViews.staff().changeOwnPassword(session, current.getValue(), chosen.getValue());
                outcome.setText(StaffViews.t(locale, "Ihr Passwort ist geändert.", "Your password has been changed."));
            } catch (BackOfficeException ex) {
                outcome.setText(ex.getMessage(locale));
            } finally {
                current.clear();
                chosen.clear();
                repeated.clear();
            }
        });
        change.setId("password-change");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(current, chosen, repeated);
        form.addClassName("ikfz-staff-form");
        add(form, outcome, change);
    }

    @Override
    protected String[] title() {
        return new String[] {"Passwort ändern", "Change password"};
    }
}
