package org.openikfz.ui.view;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.Decision;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.application.FeeLine;
import org.openikfz.api.check.Finding;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.ui.web.EngineAccess;
import org.openikfz.web.support.PublicAddress;

/**
 * The applicant's application after the dialog: the engine's answer to the verification (findings
 * to correct, fees to pay, the clerks, an abort), payment, submission and the decision with its
 * documents. The application itself is the engine's; the session keeps only its reference, so that
 * it survives the round trips to the payment page and the identity provider's login page.
 */
final class ApplicationPanel extends Section {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'Uhr'").withZone(ZoneId.of("Europe/Berlin"));

    private final ProcedureDescription procedure;
    private final Consumer<Optional<String>> correct;
    private boolean paymentReturned;

    /** @param correct called to go back into the dialog, with the field to correct if known */
    ApplicationPanel(ProcedureDescription procedure, Consumer<Optional<String>> correct) {
        this.procedure = procedure;
        this.correct = correct;
        addClassName("ikfz-step");
        getElement().setAttribute("aria-live", "polite");
    }

    /** The reference of this procedure's application in the session, if one was opened. */
    static Optional<ApplicationRef> ref(String procedureId) {
        return Optional.ofNullable((ApplicationRef) VaadinSession.getCurrent().getAttribute(key(procedureId)));
    }

    static void forget(String procedureId) {
        VaadinSession.getCurrent().setAttribute(key(procedureId), null);
    }

    private static String key(String procedureId) {
        return "openikfz.application." + procedureId;
    }

    /** Sends the answers to the engine and has them verified (FZV § 20(4)). */
    void verify(Map<String, String> answers) {
        run(engine -> {
            ApplicationRef ref = forDialog(engine, procedure);
            Map<String, LocalizedText> errors = engine.answer(ref, answers);
            if (!errors.isEmpty()) {
                showErrors(errors);
                return;
            }
            show(engine.verify(ref));
        });
    }

    /** Why the submission after the payment was refused, said once on the fees page. */
    private String submitRefused;

    /**
     * Shows where the application stands (e.g. when the applicant comes back from the payment page). Back from a
     * payment the provider reports as made, the application is submitted at once: the applicant paid with "Gebühren
     * bezahlen und Antrag stellen". The engine asks the provider itself; what it refuses (not paid after all) is said,
     * and the page offers to submit once the payment has arrived.
     */
    void refresh() {
        run(engine -> ref(procedure.id().value()).ifPresentOrElse(ref -> {
            ApplicationStatus status = engine.status(ref);
            if (paymentReturned && (status.state() == ApplicationState.AWAITING_PAYMENT || status.state() == ApplicationState.NOT_DECIDABLE)) {
                try {
                    status = engine.submit(ref);
                } catch (ApplicationException e) {
                    submitRefused = e.getMessage(getLocale());
                }
            }
            show(status);
        }, () -> correct.accept(Optional.empty())));
    }

    /**
     * The session's application of this procedure while it is still in the dialog, otherwise a new
     * one (kept in the session): answers, identification and verification all go to the same one.
     */
    static ApplicationRef forDialog(ApplicationService engine, ProcedureDescription procedure) {
        String id = procedure.id().value();
        ApplicationRef ref = ref(id).orElse(null);
        if (ref == null || inDialog(engine, ref).isEmpty()) {
            ref = engine.open(procedure.id(), null);
            VaadinSession.getCurrent().setAttribute(key(id), ref);
        }
        return ref;
    }

    /** Whether the session's application of the procedure is still in the dialog (open for corrections); false when unknown. */
    static boolean stillInDialog(String procedureId) {
        Optional<ApplicationService> engine = EngineAccess.current().engine();
        Optional<ApplicationRef> ref = ref(procedureId);
        return engine.isPresent() && ref.isPresent() && inDialog(engine.get(), ref.get()).isPresent();
    }

    /** The status of the application if it is still in the dialog (open for answers and identification). */
    static Optional<ApplicationStatus> inDialog(ApplicationService engine, ApplicationRef ref) {
        try {
            ApplicationStatus status = engine.status(ref);
            return status.state() == ApplicationState.DIALOG ? Optional.of(status) : Optional.empty();
        } catch (ApplicationException e) {
            return Optional.empty();
        }
    }

    private void show(ApplicationStatus status) {
        render(status);
        Headings.focus(this); // the application moved on: its new heading at the top, focused
    }

    private void render(ApplicationStatus status) {
        removeAll();
        Locale locale = getLocale();
        // captured now: the session may forget the application (clerks, abort) while its documents are still offered
        ApplicationRef ref = ref(procedure.id().value()).orElse(null);
        EngineAccess.current().engine().flatMap(engine -> ReferenceBox.of(engine, status)).ifPresent(this::add);
        switch (status.state()) {
            case DIALOG -> {
                add(new H2(text("Bitte prüfen Sie diese Angaben", "Please check these details")));
                UnorderedList list = new UnorderedList();
                for (Finding finding : status.findings()) {
                    String label = finding.field().flatMap(f -> procedure.dialog().field(f))
                            .map(f -> f.label().get(locale) + ": ").orElse("");
                    list.add(new ListItem(label + finding.message().get(locale)));
                }
                list.addClassName("ikfz-findings");
                add(alert(list), new Paragraph(text("Sie können Ihre Angaben noch " + status.correctionsLeft() + "-mal korrigieren.",
                        "You can still correct your details " + status.correctionsLeft() + " time(s).")));
                Button change = new Button(text("Angaben korrigieren", "Correct details"),
                        e -> correct.accept(status.findings().stream().map(Finding::fieldId).filter(f -> f != null).findFirst()));
                change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                add(buttons(change));
                documents(status, ref);
            }
            case AWAITING_PAYMENT, NOT_DECIDABLE -> {
                boolean notDecidable = status.state() == ApplicationState.NOT_DECIDABLE;
                add(new H2(notDecidable ? text("Nicht automatisch entscheidbar", "Cannot be decided automatically") : text("Gebühren", "Fees")));
                Paragraph next = new Paragraph(status.next().get(locale));
                if (notDecidable) {
                    next.getElement().setAttribute("role", "status");
                }
                add(next);
                NumberFormat euro = NumberFormat.getCurrencyInstance(Locale.GERMANY);
                Div fees = new Div();
                fees.addClassName("ikfz-fees");
                for (FeeLine fee : status.fees()) {
                    fees.add(row(fee.title().get(locale) + " (GebOSt " + fee.item() + ")", euro.format(fee.amount())));
                }
                fees.add(row(text("Summe", "Total"), euro.format(status.total())));
                add(fees);
                if (submitRefused != null) {
                    Paragraph refused = new Paragraph(submitRefused);
                    refused.getElement().setAttribute("role", "alert");
                    refused.addClassName("ikfz-notice");
                    add(refused);
                    submitRefused = null;
                }
                if (status.paid() || paymentReturned()) {
                    // the payment came back but the application is not submitted yet (the provider had not confirmed it)
                    Button submit = new Button(text("Antrag verbindlich stellen", "Submit the application"),
                            e -> run(engine -> show(engine.submit(ref()))));
                    submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                    add(new Paragraph(text("Die Zahlung ist eingegangen.", "The payment has been received.")), buttons(submit));
                } else {
                    // one step less (#18): paying is submitting; the button and the engine's sentence above say so
                    Button pay = new Button(text("Bezahlen und Antrag stellen", "Pay and submit"), e -> run(engine -> {
                        URI page = engine.startPayment(ref(), returnUri(procedure, "payment"));
                        UI.getCurrent().getPage().setLocation(page);
                    }));
                    pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                    if (notDecidable) {
                        // the applicant chooses: apply anyway (the clerks decide) or withdraw (2019 memo on § 15h(1) S. 3)
                        Button withdraw = new Button(text("Antrag zurückziehen", "Withdraw the application"),
                                e -> run(engine -> show(engine.withdraw(ref()))));
                        add(buttons(pay, withdraw));
                    } else {
                        add(buttons(pay));
                    }
                }
                // e.g. the confirmation of the SEPA mandate, offered before the payment
                documents(status, ref);
            }
            case DECIDED -> {
                Decision decision = status.decision();
                add(new H2(text("Ihr Bescheid", "Your decision")));
                add(new Paragraph(decision.summary().get(locale)));
                if (decision.kennzeichen() != null) {
                    Span value = new Span(decision.kennzeichen());
                    value.addClassName("ikfz-kennzeichen-value");
                    Paragraph plate = new Paragraph(new Span(getTranslation("decision.kennzeichen") + ": "), value);
                    plate.setId("decision-kennzeichen");
                    plate.addClassName("ikfz-kennzeichen");
                    add(plate);
                }
                // the reference first: it is what the applicant quotes (and the first value a test reads)
                add(row(text("Aktenzeichen", "Reference"), decision.reference()));
                if (decision.effectiveOn() != null) {
                    add(row(text("Wirksam am", "Effective on"), DATE.format(decision.effectiveOn())));
                }
                if (decision.drivingAllowedUntil() != null) {
                    Div until = row(getTranslation("decision.drivingAllowedUntil"), DATE.format(decision.drivingAllowedUntil()));
                    until.setId("decision-driving-allowed-until");
                    add(until);
                }
                if (!decision.automated()) {
                    // decided by a clerk (FZV § 19(1) S. 4): mailed in writing, nothing to download here
                    if (decision.mailedOn() != null) {
                        add(row(text("Per Post versandt am", "Mailed on"), DATE.format(decision.mailedOn())));
                    }
                    add(new Paragraph(status.next().get(locale)));
                    forget(procedure.id().value());
                    return;
                }
                if (decision.offeredUntil() != null) {
                    add(row(text("Zum Abruf bis", "Available until"), TIME.format(decision.offeredUntil())));
                }
                documents(status, ref);
                add(new Paragraph(status.next().get(locale)));
                add(new Paragraph(text(
                        "Automatisch erlassene Bescheide stehen einen Monat unter dem Vorbehalt der Nachprüfung (§ 23 Abs. 3 FZV).",
                        "Automated decisions remain subject to review for one month.")));
            }
            case MANUAL_REVIEW, COMPLETED, ABORTED -> {
                add(new H2(switch (status.state()) {
                    case MANUAL_REVIEW -> text("Ihr Antrag ist bei der Zulassungsbehörde", "Your application is with the authority");
                    case COMPLETED -> text("Ihr Antrag ist abgeschlossen", "Your application is complete");
                    default -> text("Der Online-Antrag wurde beendet", "The online application has ended");
                }));
                Paragraph next = new Paragraph(status.next().get(locale));
                next.getElement().setAttribute("role", "status");
                add(next);
                documents(status, ref);
                forget(procedure.id().value());
            }
        }
    }

    /**
     * The documents the status offers now, each with its own link (decision first). A decided
     * application whose status lists no documents offers the decision as before (its own call).
     */
    private void documents(ApplicationStatus status, ApplicationRef ref) {
        List<DocumentKind> kinds = status.documents().stream().distinct().sorted(Comparator.naturalOrder()).toList();
        boolean legacy = kinds.isEmpty() && status.state() == ApplicationState.DECIDED;
        if (legacy) {
            kinds = List.of(DocumentKind.DECISION);
        }
        if (kinds.isEmpty() || ref == null) {
            return;
        }
        Decision decision = status.decision();
        H3 heading = new H3(getTranslation("documents.title"));
        heading.setId("documents-heading");
        UnorderedList list = new UnorderedList();
        list.addClassName("ikfz-document-list");
        for (DocumentKind kind : kinds) {
            String fileName = fileName(kind, decision);
            Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
                try {
                    byte[] pdf = EngineAccess.current().engine()
                            .flatMap(engine -> legacy ? engine.decisionDocument(ref) : engine.document(ref, kind)).orElse(null);
                    return pdf == null ? DownloadResponse.error(410, "no longer available")
                            : new DownloadResponse(new ByteArrayInputStream(pdf), fileName, "application/pdf", pdf.length);
                } catch (ApplicationException e) {
                    return DownloadResponse.error(e.reason() == ApplicationException.Reason.UNAVAILABLE ? 503 : 410,
                            e.getMessage(Locale.ENGLISH));
                }
            }), getTranslation("document." + kind.name()));
            download.setId("document-" + kind.fileName().replaceFirst("\\.pdf$", ""));
            download.addClassName("ikfz-download");
            download.getElement().setAttribute("download", true);
            ListItem item = new ListItem(download);
            String hint = switch (kind) {
                case DECISION -> null;
                case PROVISIONAL_REGISTRATION_PROOF -> decision != null && decision.drivingAllowedUntil() != null
                        ? getTranslation("document.PROVISIONAL_REGISTRATION_PROOF.hint", DATE.format(decision.drivingAllowedUntil()))
                        : getTranslation("document.PROVISIONAL_REGISTRATION_PROOF.hintUndated");
                case SEPA_MANDATE_CONFIRMATION -> getTranslation("document.SEPA_MANDATE_CONFIRMATION.hint");
            };
            if (hint != null) {
                Span explanation = new Span(hint);
                explanation.addClassName("ikfz-document-hint");
                item.add(explanation);
            }
            list.add(item);
        }
        Div box = new Div(heading, list);
        box.setId("documents");
        box.addClassName("ikfz-documents");
        add(box);
    }

    /** The name the browser saves a document under, with the reference once there is a decision. */
    private static String fileName(DocumentKind kind, Decision decision) {
        String name = switch (kind) {
            case DECISION -> "Bescheid";
            case PROVISIONAL_REGISTRATION_PROOF -> "Vorlaeufiger-Zulassungsnachweis";
            case SEPA_MANDATE_CONFIRMATION -> "SEPA-Lastschriftmandat-Bestaetigung";
        };
        return (decision == null ? name : name + "-" + decision.reference()).replaceAll("[^A-Za-z0-9._-]", "-") + ".pdf";
    }

    private void showErrors(Map<String, LocalizedText> errors) {
        removeAll();
        add(new H2(text("Bitte prüfen Sie diese Angaben", "Please check these details")));
        UnorderedList list = new UnorderedList();
        errors.forEach((field, message) -> list.add(new ListItem(procedure.dialog().field(field)
                .map(f -> f.label().get(getLocale()) + ": ").orElse("") + message.get(getLocale()))));
        add(alert(list), buttons(new Button(text("Angaben korrigieren", "Correct details"),
                e -> correct.accept(errors.keySet().stream().findFirst()))));
    }

    private void run(Consumer<ApplicationService> action) {
        Optional<ApplicationService> engine = EngineAccess.current().engine();
        if (engine.isEmpty()) {
            unavailable(getTranslation("application.unavailable"));
            return;
        }
        try {
            action.accept(engine.get());
        } catch (ApplicationException e) {
            unavailable(e.getMessage(getLocale()));
        }
    }

    private void unavailable(String message) {
        removeAll();
        Paragraph p = new Paragraph(message);
        p.getElement().setAttribute("role", "alert");
        p.addClassName("ikfz-notice");
        add(new H2(text("Das hat nicht geklappt", "That did not work")), p,
                buttons(new Button(text("Zurück zu Ihren Angaben", "Back to your details"), e -> correct.accept(Optional.empty()))));
    }

    private ApplicationRef ref() {
        return ref(procedure.id().value()).orElseThrow(() -> new ApplicationException(ApplicationException.Reason.NOT_FOUND,
                LocalizedText.of("Ihre Sitzung ist abgelaufen. Bitte beginnen Sie neu.", "Your session has expired. Please start again.")));
    }

    private boolean paymentReturned() {
        return paymentReturned;
    }

    /** The payment page sent the applicant back saying the payment went through. */
    void paymentReturned(boolean paid) {
        this.paymentReturned = paid;
    }

    /**
     * The page the payment or identity provider sends the applicant back to: this procedure's page
     * with {@code ?return=<what>} (the provider adds its own parameters).
     */
    static URI returnUri(ProcedureDescription procedure, String what) {
        HttpServletRequest request = ((VaadinServletRequest) VaadinRequest.getCurrent()).getHttpServletRequest();
        PublicAddress address = VaadinService.getCurrent().getContext().getAttribute(PublicAddress.class);
        return URI.create(address.base(request) + "/" + procedure.id().value() + "?return=" + what);
    }

    private String text(String german, String english) {
        return "en".equals(getLocale().getLanguage()) ? english : german;
    }

    private static Div row(String label, String value) {
        return row(label, value, null);
    }

    /** A labelled value as the review shows it; the value's element gets {@code id} when given. */
    static Div row(String label, String value, String id) {
        Span l = new Span(label);
        l.addClassName("label");
        Span v = new Span(value);
        v.addClassName("value");
        if (id != null) {
            v.setId(id);
        }
        Div row = new Div(l, v);
        row.addClassName("ikfz-review-row");
        return row;
    }

    /** Announces a list at once; the role sits on a wrapper so that the list stays a list (WCAG 1.3.1). */
    private static Div alert(UnorderedList list) {
        Div alert = new Div(list);
        alert.getElement().setAttribute("role", "alert");
        return alert;
    }

    private static HorizontalLayout buttons(Button... buttons) {
        HorizontalLayout layout = new HorizontalLayout(buttons);
        layout.addClassName("ikfz-buttons");
        return layout;
    }
}
