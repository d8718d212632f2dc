package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.CaseFile;
import org.openikfz.api.backoffice.ClerkCase;
import org.openikfz.api.backoffice.PostalAddress;
import org.openikfz.api.backoffice.ReasonTemplate;

/**
 * One case: the applicant as identified, the answers, the portal's pre-check, and — for clerks and
 * supervisors while it is open — the decision with its reason; afterwards the written decision.
 */
public class CaseView extends StaffPage {

    private static final long serialVersionUID = 1L;

    private UUID id;

    @Override
    protected void entered(BeforeEnterEvent event) {
        id = id(event);
    }

    @Override
    protected void render(Locale locale) {
        CaseFile file;
        try {
            if (id == null) {
                throw new BackOfficeException(BackOfficeException.Reason.NOT_FOUND, org.openikfz.api.text.LocalizedText.of(
                        "Diesen Fall gibt es nicht.", "There is no such case."));
            }
            file = StaffViews.workspace().caseFile(session, id);
        } catch (BackOfficeException e) {
            add(new H1(StaffViews.t(locale, "Fall", "Case")), new Paragraph(e.getMessage(locale)));
            return;
        }
        ClerkCase summary = file.summary();
        add(new H1(summary.procedureTitle()));
        add(new Paragraph(StaffViews.t(locale, "Eingang: ", "Received: ") + StaffViews.when(summary.received()) + " · "
                + StaffViews.t(locale, "Stand: ", "State: ") + CaseQueueView.state(summary, locale)));
        section(StaffViews.t(locale, "Antragsteller", "Applicant"), file.applicant());
        section(StaffViews.t(locale, "Angaben im Antrag", "Answers in the application"), file.answers());
        section(StaffViews.t(locale, "Vorprüfung des Portals (nicht bindend, § 19 Abs. 1 Satz 4 FZV)",
                "The portal's pre-check (not binding)"), file.precheck());
        if (summary.state().equals(ClerkCase.OPEN)) {
            if (session.member().role().decides()) {
                recheck(locale);
                holder(summary, locale);
                decision(locale);
            } else {
                add(new Paragraph(StaffViews.t(locale, "Ihre Rolle kann diesen Fall lesen, aber nicht entscheiden.",
                        "Your role can read this case but not decide it.")));
            }
        } else {
            add(new H2(StaffViews.t(locale, "Bescheid", "Decision")));
            Anchor letter = new Anchor(DownloadHandler.fromInputStream(event -> {
                try {
                    byte[] pdf = StaffViews.workspace().letter(session, id).orElse(null);
                    return pdf == null ? DownloadResponse.error(410, "no longer available")
                            : new DownloadResponse(new ByteArrayInputStream(pdf), "Bescheid-" + id + ".pdf", "application/pdf", pdf.length);
                } catch (BackOfficeException e) {
                    return DownloadResponse.error(403, e.getMessage(Locale.ENGLISH));
                }
            }), StaffViews.t(locale, "Bescheid herunterladen (PDF)", "Download the decision (PDF)"));
            letter.setId("case-letter");
            letter.addClassName("ikfz-download");
            letter.getElement().setAttribute("download", true);
            add(new Paragraph(StaffViews.t(locale, "Der Bescheid geht per Post an den Antragsteller; er liegt im Postausgang.",
                    "The decision goes to the applicant by post; it is in the postal outbox.")), new Div(letter));
        }
    }

    /** FZV § 19(1) S. 4: the checks run again (once the failed system is back); the pre-check above then shows that run. */
    private void recheck(Locale locale) {
        Div problem = new Div();
        problem.setId("case-recheck-error");
        problem.getElement().setAttribute("role", "alert");
        Button again = new Button(StaffViews.t(locale, "Prüfungen erneut ausführen", "Run the checks again"), e -> {
            try {
                StaffViews.workspace().recheck(session, id);
                redraw();
            } catch (BackOfficeException ex) {
                problem.removeAll();
                problem.add(new Paragraph(ex.getMessage(getLocale())));
            }
        });
        again.setId("case-recheck");
        add(new Paragraph(StaffViews.t(locale, "Ist das System wieder erreichbar, das bei der Vorprüfung ausgefallen ist, lassen Sie die"
                + " Prüfungen erneut laufen. Die Sicherheitscodes bewahrt das Portal dafür verschlüsselt auf, bis Sie entschieden haben.",
                "Once the system that failed in the pre-check is back, run the checks again. The portal keeps the security codes"
                        + " encrypted for that until you have decided.")), new Div(again), problem);
    }

    /** Who works on the case: "mir zuweisen" takes it, so no other clerk decides it meanwhile; "zurückgeben" hands it back. */
    private void holder(ClerkCase summary, Locale locale) {
        String me = session.member().user();
        String holder = summary.assignedTo();
        Paragraph who = new Paragraph(holder == null ? StaffViews.t(locale, "Bearbeitung: noch niemand", "Worked on by: nobody yet")
                : holder.equals(me) ? StaffViews.t(locale, "Bearbeitung: Sie", "Worked on by: you")
                : StaffViews.t(locale, "Bearbeitung: ", "Worked on by: ") + holder);
        who.setId("case-holder");
        Div problem = new Div();
        problem.setId("case-holder-error");
        problem.getElement().setAttribute("role", "alert");
        Button action;
        if (me.equals(holder)) {
            action = new Button(StaffViews.t(locale, "Fall zurückgeben", "Give the case back"), e -> assign(false, problem));
        } else {
            action = new Button(holder == null ? StaffViews.t(locale, "Mir zuweisen", "Assign to me")
                    : StaffViews.t(locale, "Fall übernehmen", "Take the case over"), e -> assign(true, problem));
            // a clerk cannot take another clerk's case; the desk refuses, and says so, should the page be old
            action.setVisible(holder == null || session.member().role() == org.openikfz.api.backoffice.Role.SUPERVISOR);
        }
        action.setId("case-assign");
        add(new Div(who, action), problem);
    }

    private void assign(boolean take, Div problem) {
        try {
            if (take) {
                StaffViews.workspace().take(session, id);
            } else {
                StaffViews.workspace().giveBack(session, id);
            }
            redraw();
        } catch (BackOfficeException e) {
            problem.removeAll();
            problem.add(new Paragraph(e.getMessage(getLocale())));
        }
    }

    private void section(String title, List<CaseFile.Entry> entries) {
        add(new H2(title));
        Div rows = new Div();
        rows.addClassName("ikfz-fees");
        for (CaseFile.Entry entry : entries) {
            Span label = new Span(entry.label());
            label.addClassName("label");
            Span value = new Span(entry.value() == null ? "" : entry.value());
            value.addClassName("value");
            Div row = new Div(label, value);
            row.addClassName("ikfz-review-row");
            rows.add(row);
        }
        add(rows);
    }

    private void decision(Locale locale) {
        add(new H2(StaffViews.t(locale, "Entscheidung", "Decision")));
        TextArea reason = new TextArea(StaffViews.t(locale, "Begründung (steht im Bescheid)", "Reasons (printed in the decision)"));
        reason.setId("case-reason");
        reason.setMaxLength(4000);
        reason.setWidthFull();
        // FZV § 23(1) S. 3: the decision is mailed; the clerk confirms the address the case knows or enters one
        PostalAddress known = StaffViews.workspace().letterAddress(session, id).orElse(null);
        add(new H2(StaffViews.t(locale, "Anschrift für den Bescheid", "Address for the decision")));
        add(new Paragraph(known != null
                ? StaffViews.t(locale, "Aus der Identifizierung des Antragstellers oder dem Register. Bitte prüfen; der Bescheid geht"
                        + " an diese Anschrift.", "From the applicant's identification or the register. Please check it; the decision goes"
                        + " to this address.")
                : StaffViews.t(locale, "Für diesen Fall ist keine Anschrift bekannt. Bitte tragen Sie ein, wohin der Bescheid geht.",
                        "No address is known for this case. Please enter where the decision goes.")));
        TextField name = addressField("case-address-name", StaffViews.t(locale, "Name", "Name"), known == null ? "" : known.name(), 200);
        TextField street = addressField("case-address-street", StaffViews.t(locale, "Straße und Hausnummer", "Street and number"),
                known == null ? "" : known.street(), 200);
        TextField postalCode = addressField("case-address-postal-code", StaffViews.t(locale, "Postleitzahl", "Postal code"),
                known == null ? "" : known.postalCode(), 5);
        postalCode.setAllowedCharPattern("[0-9]");
        TextField city = addressField("case-address-city", StaffViews.t(locale, "Ort", "Town"), known == null ? "" : known.city(), 100);
        Div address = new Div(name, street, postalCode, city);
        address.addClassName("ikfz-address");
        Div problem = new Div();
        problem.setId("case-error");
        problem.getElement().setAttribute("role", "alert");
        java.util.function.Supplier<PostalAddress> to = () -> new PostalAddress(name.getValue(), street.getValue(), postalCode.getValue(),
                city.getValue());
        // a decision is mailed at once and cannot be taken back here: the clerk confirms it first
        Div confirm = new Div();
        confirm.setId("case-confirm");
        Button approve = new Button(StaffViews.t(locale, "Antrag stattgeben", "Grant the application"),
                e -> confirm(true, reason, to.get(), problem, confirm));
        approve.setId("case-approve");
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button reject = new Button(StaffViews.t(locale, "Antrag ablehnen", "Refuse the application"),
                e -> confirm(false, reason, to.get(), problem, confirm));
        reject.setId("case-reject");
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout buttons = new HorizontalLayout(approve, reject);
        buttons.addClassName("ikfz-buttons");
        add(address, templates(reason, locale), reason, problem, buttons, confirm);
    }

    /** The authority's text blocks: one picked fills the reasons, which the clerk then adapts to the case. */
    private Component templates(TextArea reason, Locale locale) {
        List<ReasonTemplate> templates = StaffViews.workspace().reasonTemplates(session);
        Select<ReasonTemplate> select = new Select<>();
        select.setId("case-template");
        select.setLabel(StaffViews.t(locale, "Textbaustein für die Begründung", "Text block for the reasons"));
        select.setHelperText(StaffViews.t(locale, "Füllt die Begründung; bitte an den Fall anpassen.",
                "Fills the reasons; please adapt them to the case."));
        select.setItems(templates);
        select.setItemLabelGenerator(t -> t == null ? "" : t.title());
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption(StaffViews.t(locale, "– keiner –", "– none –"));
        select.setWidthFull();
        select.setVisible(!templates.isEmpty());
        select.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                reason.setValue(e.getValue().text());
                reason.focus();
            }
        });
        return select;
    }

    /** Asks once more before a decision: what it is, where the letter goes, that it cannot be undone here. */
    private void confirm(boolean approve, TextArea reason, PostalAddress to, Div problem, Div confirm) {
        Locale locale = getLocale();
        problem.setText("");
        confirm.removeAll();
        if (java.util.stream.Stream.of(to.name(), to.street(), to.postalCode(), to.city()).anyMatch(p -> p == null || p.isBlank())) {
            decide(approve, reason, to, problem); // no address to confirm: the desk says what is missing
            return;
        }
        confirm.addClassNames("ikfz-notice", "warning");
        Paragraph question = new Paragraph((approve
                ? StaffViews.t(locale, "Dem Antrag endgültig stattgeben?", "Grant the application for good?")
                : StaffViews.t(locale, "Den Antrag endgültig ablehnen?", "Refuse the application for good?")) + " "
                + StaffViews.t(locale, "Der Bescheid geht sofort per Post an ", "The decision goes by post at once to ")
                + String.join(", ", to.name().strip(), to.street().strip(), (to.postalCode().strip() + " " + to.city().strip()).strip())
                + StaffViews.t(locale, ". Hier lässt er sich nicht zurücknehmen.", ". It cannot be taken back here."));
        question.setId("case-confirm-question");
        question.getElement().setAttribute("tabindex", "-1");
        Button yes = new Button(approve ? StaffViews.t(locale, "Ja, stattgeben", "Yes, grant it")
                : StaffViews.t(locale, "Ja, ablehnen", "Yes, refuse it"), e -> {
                    confirm.removeAll();
                    confirm.removeClassNames("ikfz-notice", "warning");
                    decide(approve, reason, to, problem);
                });
        yes.setId("case-confirm-yes");
        yes.addThemeVariants(approve ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_ERROR);
        Button no = new Button(StaffViews.t(locale, "Abbrechen", "Cancel"), e -> {
            confirm.removeAll();
            confirm.removeClassNames("ikfz-notice", "warning");
        });
        no.setId("case-confirm-no");
        HorizontalLayout answers = new HorizontalLayout(yes, no);
        answers.addClassName("ikfz-buttons");
        confirm.add(question, answers);
        question.getElement().executeJs("this.focus()");
    }

    private static TextField addressField(String id, String label, String value, int maxLength) {
        TextField field = new TextField(label);
        field.setId(id);
        field.setValue(value == null ? "" : value);
        field.setMaxLength(maxLength);
        field.setRequiredIndicatorVisible(true);
        field.setWidthFull();
        return field;
    }

    private void decide(boolean approve, TextArea reason, PostalAddress to, Div problem) {
        try {
            StaffViews.workspace().decide(session, id, approve, reason.getValue(), to);
            redraw();
        } catch (BackOfficeException e) {
            problem.setText(e.getMessage(getLocale()));
        }
    }

    @Override
    protected String[] title() {
        return new String[] {"Fall", "Case"};
    }
}
