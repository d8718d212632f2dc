package org.openikfz.ui.view;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.Optional;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.ApplicationService;

/**
 * Who and where, on every screen once the application is opened: its reference number and the code
 * that opens the status page (to note down), who is logged in with the eID, and which authority
 * decides.
 */
final class ReferenceBox extends Div {

    private static final long serialVersionUID = 1L;

    private ReferenceBox(ApplicationStatus status, String authority) {
        addClassNames("ikfz-reference");
        setId("application-reference");
        if (status.reference() != null) {
            add(line("reference.number", status.reference(), "application-reference-number"));
        }
        if (status.statusCode() != null) {
            add(line("reference.code", status.statusCode(), "application-status-code"));
            Anchor page = new Anchor("status", getTranslation("reference.statusPage"));
            page.getElement().setAttribute("router-ignore", true);
            page.getElement().setAttribute("target", "_blank");
            page.getElement().setAttribute("rel", "noopener");
            Paragraph hint = new Paragraph(new Span(getTranslation("reference.hint") + " "), page);
            hint.addClassName("ikfz-reference-hint");
            add(hint);
        }
        if (status.applicant() != null && !status.applicant().isBlank()) {
            add(line("reference.applicant", status.applicant(), "application-applicant"));
        }
        if (authority != null) {
            add(line("reference.authority", authority, "application-authority"));
        }
    }

    /** The box for the application, or none when the engine is away or the application is unknown. */
    static Optional<ReferenceBox> of(ApplicationService engine, ApplicationStatus status) {
        String authority;
        try {
            authority = engine.authority().name();
        } catch (RuntimeException e) {
            authority = null;
        }
        return status.reference() == null ? Optional.empty() : Optional.of(new ReferenceBox(status, authority));
    }

    private Div line(String key, String value, String id) {
        Span label = new Span(getTranslation(key) + ": ");
        label.addClassName("label");
        Span shown = new Span(value);
        shown.addClassName("value");
        shown.setId(id);
        Div line = new Div(label, shown);
        line.addClassName("ikfz-reference-line");
        return line;
    }
}
