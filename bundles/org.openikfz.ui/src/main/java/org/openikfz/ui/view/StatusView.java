package org.openikfz.ui.view;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.Authority;
import org.openikfz.api.application.PublicStatus;
import org.openikfz.ui.web.EngineAccess;

/**
 * The status page at {@code /status}: where an application stands, for its reference number and status
 * code, without an account. The two are typed into a form (never put in the address, which would end up
 * in logs and the browser's history); the page shows the state, what happens next and by when, the
 * documents still offered, and how to reach the authority.
 */
public class StatusView extends Div implements HasDynamicTitle {

    private static final long serialVersionUID = 1L;
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm 'Uhr'");

    private final TextField reference = new TextField();
    private final TextField code = new TextField();
    private final Div result = new Div();

    public StatusView() {
        addClassName("ikfz-status");
        reference.setId("status-reference");
        reference.setLabel(getTranslation("status.reference"));
        reference.setHelperText(getTranslation("status.referenceHelper"));
        reference.setMaxLength(40);
        reference.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.OFF);
        code.setId("status-code");
        code.setLabel(getTranslation("status.code"));
        code.setHelperText(getTranslation("status.codeHelper"));
        code.setMaxLength(20);
        code.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.OFF);
        Button lookUp = new Button(getTranslation("status.lookUp"), e -> lookUp());
        lookUp.setId("status-look-up");
        lookUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        result.setId("status-result");
        result.getElement().setAttribute("aria-live", "polite");
        Section form = new Section(reference, code, lookUp);
        form.addClassName("ikfz-status-form");
        add(new H1(getTranslation("status.title")), new Paragraph(getTranslation("status.intro")), form, result);
        Headings.enterContinues(form, lookUp);
    }

    @Override
    public String getPageTitle() {
        return "Open i-Kfz – " + getTranslation("status.title");
    }

    private void lookUp() {
        result.removeAll();
        if (reference.getValue().isBlank() || code.getValue().isBlank()) {
            notice(getTranslation("status.required"));
            return;
        }
        Optional<ApplicationService> engine = EngineAccess.current().engine();
        if (engine.isEmpty()) {
            notice(getTranslation("status.unavailable"));
            return;
        }
        try {
            // counted per client: nobody can lock a citizen's lookup by sending wrong codes for their reference
            com.vaadin.flow.server.VaadinRequest request = com.vaadin.flow.server.VaadinService.getCurrentRequest();
            engine.get().publicStatus(reference.getValue(), code.getValue(), request == null ? null : request.getRemoteAddr())
                    .ifPresentOrElse(this::show, () -> notice(getTranslation("status.notFound")));
        } catch (ApplicationException e) {
            notice(e.getMessage(getLocale()));
        }
    }

    private void show(PublicStatus status) {
        Locale locale = getLocale();
        H2 state = new H2(status.stateText().get(locale));
        state.setId("status-state");
        result.add(state);
        result.add(row(getTranslation("status.reference"), status.reference(), "status-shown-reference"));
        if (status.procedureTitle() != null) {
            result.add(row(getTranslation("status.procedure"), status.procedureTitle().get(locale), null));
        }
        if (status.receivedAt() != null) {
            result.add(row(getTranslation("status.received"), when(status.receivedAt()), null));
        }
        if (status.changedAt() != null) {
            result.add(row(getTranslation("status.changed"), when(status.changedAt()), null));
        }
        Paragraph next = new Paragraph(status.next().get(locale));
        next.setId("status-next");
        result.add(new H2(getTranslation("status.next")), next);
        if (status.nextBy() != null) {
            result.add(row(getTranslation("status.by"), when(status.nextBy()), "status-next-by"));
        }
        if (!status.documents().isEmpty()) {
            String names = status.documents().stream().map(d -> getTranslation("status.document." + d.name())).collect(Collectors.joining(", "));
            result.add(row(getTranslation("status.documents"), names
                    + (status.documentsUntil() == null ? "" : " (" + getTranslation("status.documentsUntil") + " " + when(status.documentsUntil()) + ")"),
                    "status-documents"));
        }
        Authority authority = status.authority();
        Div contact = new Div();
        contact.setId("status-authority");
        contact.add(new Paragraph(authority.name()));
        authority.address().forEach(line -> contact.add(new Paragraph(line)));
        if (!authority.contact().isBlank()) {
            contact.add(new Paragraph(authority.contact()));
        }
        result.add(new H2(getTranslation("status.authority")), contact);
        Headings.focus(result);
    }

    private void notice(String message) {
        Paragraph p = new Paragraph(message);
        p.setId("status-notice");
        p.getElement().setAttribute("role", "alert");
        p.addClassName("ikfz-notice");
        result.add(p);
    }

    private static String when(Instant at) {
        return WHEN.format(at.atZone(ZONE));
    }

    private static Div row(String label, String value, String id) {
        return ApplicationPanel.row(label, value, id);
    }
}
