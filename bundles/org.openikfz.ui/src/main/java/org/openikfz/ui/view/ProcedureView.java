package org.openikfz.ui.view;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.shared.Registration;
import java.text.DateFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Choice;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.Editor;
import org.openikfz.api.dialog.InputHint;
import org.openikfz.api.dialog.InvalidAnswerException;
import org.openikfz.api.dialog.Notice;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.ui.web.EngineAccess;
import org.openikfz.ui.web.ProcedureCatalog;

/**
 * The page of any procedure, at {@code /<procedure id>}: one route per procedure, all with this
 * class as target. It renders the procedure's description (title, summary, legal basis and the
 * dialog step by step, with the conditions of steps and fields) from API data alone. When the
 * procedure goes away while the page is open, the page moves to the home view and says so.
 *
 * <p>The dialog lives on the server, in the session ({@link DialogDraft}); the address names the
 * step shown ({@code ?schritt=fahrzeug}, {@code ?seite=pruefung}), so a reload, the browser's back and
 * forward buttons and a second tab show the same dialog. Secret answers (security codes, IBAN) are
 * never sent back to the browser.
 */
public class ProcedureView extends Div implements BeforeEnterObserver, HasDynamicTitle, LocaleChangeObserver {

    private static final long serialVersionUID = 1L;

    /** The stored answers of a {@link Editor#YES_NO} field. */
    public static final String YES = "true";
    public static final String NO = "false";

    /** The progress list's mark of the identification step (no step id starts with '#'). */
    private static final String IDENTIFICATION_STEP = "#identification";
    /** The query parameter that names the dialog step shown, by its id. */
    static final String STEP = "schritt";
    /** The query parameter that names a page besides the steps: {@link DialogDraft.Page}'s slugs. */
    static final String PAGE = "seite";
    /** What the engine accepts for {@link org.openikfz.api.dialog.FieldType#MONTH}: {@code 04.2027}, {@code 4/2027} or {@code 2027-04}. */
    private static final Pattern MONTH_INPUT = Pattern.compile("(\\d{1,2})\\s*[./]\\s*(\\d{4})|(\\d{4})-(\\d{2})");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Europe/Berlin"));

    private final transient ProcedureCatalog catalog = ProcedureCatalog.current();
    private String procedureId;
    private ProcedureDescription procedure;
    /** The session's dialog of this procedure: answers, the step shown, the steps reached; shared by the session's tabs. */
    private DialogDraft draft;
    private ApplicationPanel panel; // the application after the dialog, or null while in the dialog
    private IdentificationPanel identification; // electronic identification, before the first step
    private final Map<String, Input> inputs = new LinkedHashMap<>();
    private Registration listening;
    /** What shows the current step (a step, the identification, the review or the application): its heading gets the focus. */
    private Component stepShown;
    /** The current step's notice that its answers stop the dialog (empty and hidden until they do). */
    private Div stop;
    /** A note above the next rendering (the dialog was resumed, or its answers deleted for want of input), or null. */
    private String note;

    /** One rendered field: its component, how to read it and how to show an error on it. */
    private record Input(Field field, Component component, Supplier<String> value, Consumer<String> error) {
    }

    public ProcedureView() {
        addClassName("ikfz-procedure-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getLocation().getFirstSegment();
        Optional<ProcedureDescription> found = catalog.get(id);
        if (found.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        procedure = found.get();
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        String back = first(query, "return");
        String step = first(query, STEP);
        DialogDraft.Page page = DialogDraft.Page.of(first(query, PAGE));
        if (back == null && id.equals(procedureId) && draft != null) {
            // within the page: "Weiter", "Zurück", or the browser's back and forward buttons
            show(step, page, false, event.getLocation());
            return;
        }
        procedureId = id;
        Instant now = Instant.now();
        draft = DialogDraft.of(VaadinSession.getCurrent(), id, now, idle());
        note = draft.expired() ? getTranslation("procedure.draft.expired", idle().toMinutes()) : null;
        panel = null;
        identification = new IdentificationPanel(procedure, this::answersToKeep, this::identificationDone, this::restart);
        if (IdentificationPanel.RETURN.equals(back)) {
            // back from the identity provider's login page: redeem its one-time code
            draft.keep(identification.returned(first(query, "code"), first(query, "state")));
            if (identification.identified() && identification.required()) {
                List<DialogStep> steps = visibleSteps();
                if (identification.stopped() || steps.isEmpty()) {
                    draft.at(DialogDraft.Page.IDENTIFICATION, now); // what stops the application, said on the login's page
                } else {
                    // one screen less (#18): straight on to the first question, saying once that the login worked
                    draft.at(steps.get(0).id(), now);
                    note = getTranslation("identification.done") + " " + getTranslation("identification.doneDetail");
                }
            }
            render();
            address(true); // the one-time code is used up: keep it out of the address bar, the history and a reload
            return;
        }
        identification.refresh();
        if (back != null && ApplicationPanel.ref(id).isPresent()) {
            // back from the payment page: show where the application stands, with the steps its answers took
            restoreAnswers(ApplicationPanel.ref(id).get());
            draft.at(DialogDraft.Page.APPLICATION, now);
            panel = new ApplicationPanel(procedure, this::backToDialog);
            panel.paymentReturned(query.getOrDefault("status", List.of()).contains("PAID"));
            render();
            address(true);
            panel.refresh();
            return;
        }
        if (step == null && page == null && draft.page() == DialogDraft.Page.APPLICATION) {
            // the procedure's page again after an application was sent: a new dialog
            draft = DialogDraft.restart(VaadinSession.getCurrent(), id, now);
        } else if (step == null && page == null && draft.started() && note == null) {
            note = getTranslation("procedure.draft.resumed");
        }
        show(step, page, true, event.getLocation());
    }

    /**
     * Shows what the address asks for when the dialog got there: a step reached before, the review once
     * reached, the application once sent; otherwise where the dialog stands. An application that has left
     * the dialog (paid, decided, with the clerks) stays shown: the browser's back button does not reopen its answers.
     *
     * @param entering the page is loaded (a reload, a second tab), not moved within
     * @param asked the address asked for; replaced when something else is shown
     */
    private void show(String step, DialogDraft.Page page, boolean entering, Location asked) {
        Instant now = Instant.now();
        boolean sent = draft.page() == DialogDraft.Page.APPLICATION;
        boolean wantsDialog = page != DialogDraft.Page.APPLICATION && (step != null || page != null);
        if (sent && wantsDialog && ApplicationPanel.ref(procedureId).isPresent() && !ApplicationPanel.stillInDialog(procedureId)) {
            page = DialogDraft.Page.APPLICATION;
            step = null;
        }
        if (page == DialogDraft.Page.APPLICATION) {
            if (ApplicationPanel.ref(procedureId).isPresent()) {
                draft.at(DialogDraft.Page.APPLICATION, now);
            }
        } else if (page == DialogDraft.Page.REVIEW) {
            if (draft.reachedReview()) {
                draft.at(DialogDraft.Page.REVIEW, now);
            }
        } else if (page == DialogDraft.Page.IDENTIFICATION) {
            if (identification.required()) {
                draft.at(DialogDraft.Page.IDENTIFICATION, now);
            }
        } else if (step != null && draft.reached(step) && visibleSteps().stream().map(DialogStep::id).toList().contains(step)) {
            draft.at(step, now);
        }
        boolean application = draft.page() == DialogDraft.Page.APPLICATION;
        boolean fresh = false; // a panel of its own asks the engine; the one just shown has the engine's answer
        if (!application) {
            panel = null;
        } else if (panel == null) {
            panel = new ApplicationPanel(procedure, this::backToDialog);
            fresh = true;
        }
        render();
        if (!new Location(procedureId, shownAddress()).getPathWithQueryParameters().equals(asked.getPathWithQueryParameters())) {
            address(true);
        }
        if (fresh) {
            panel.refresh();
        } else if (!application && !entering && stepShown != null) {
            Headings.focus(stepShown);
        }
    }

    /** The address of what is shown now. */
    private QueryParameters shownAddress() {
        if (draft.page() != null) {
            return QueryParameters.of(PAGE, draft.page().slug);
        }
        return draft.step() == null ? QueryParameters.empty() : QueryParameters.of(STEP, draft.step());
    }

    /**
     * Puts the address of what is shown into the address bar: replacing the current entry (a reload, a
     * correction of a step the dialog never got to), or as a new one the back button returns from.
     */
    private void address(boolean replace) {
        Location location = new Location(procedureId, shownAddress());
        UI ui = UI.getCurrent();
        if (replace) {
            ui.getPage().getHistory().replaceState(null, location);
        } else if (!location.getPathWithQueryParameters().equals(ui.getActiveViewLocation().getPathWithQueryParameters())) {
            ui.navigate(procedureId, shownAddress());
        }
    }

    /** The session's idle time: a draft without input for this long is deleted, as the session would be. */
    private static Duration idle() {
        int seconds = VaadinSession.getCurrent().getSession().getMaxInactiveInterval();
        return Duration.ofSeconds(seconds > 0 ? seconds : 1800);
    }

    /** The answers the engine keeps (no secrets), e.g. after the page was left for the payment. */
    private void restoreAnswers(ApplicationRef ref) {
        try {
            EngineAccess.current().engine().ifPresent(engine -> draft.keep(engine.status(ref).answers()));
        } catch (ApplicationException e) {
            // the panel shows why the application cannot be read
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The answers given so far that may be kept in the engine while the applicant logs in (no secrets). */
    private Map<String, String> answersToKeep() {
        Map<String, String> keep = new HashMap<>();
        for (DialogStep step : procedure.dialog().steps()) {
            for (Field field : step.fields()) {
                String answer = draft.answer(field.id());
                if (!field.type().secret() && answer != null && !answer.isBlank()) {
                    keep.put(field.id(), answer);
                }
            }
        }
        return keep;
    }

    /** From the identification step on to the first step of the dialog. */
    private void identificationDone() {
        List<DialogStep> steps = visibleSteps();
        if (!steps.isEmpty()) {
            draft.at(steps.get(0).id(), Instant.now());
        }
        moveOn();
    }

    /** Shows the step the applicant moved to, its heading focused at the top of the screen. */
    private void moveOn() {
        note = null; // said once, on the screen the citizen came back to
        UI ui = UI.getCurrent();
        Location target = new Location(procedureId, shownAddress());
        if (target.getPathWithQueryParameters().equals(ui.getActiveViewLocation().getPathWithQueryParameters())) {
            render();
            if (stepShown != null) {
                Headings.focus(stepShown);
            }
        } else {
            ui.navigate(procedureId, shownAddress()); // beforeEnter shows it; the back button returns here
        }
    }

    /** Back from the application panel into the dialog, at the step of {@code fieldId} if given. */
    private void backToDialog(Optional<String> fieldId) {
        panel = null;
        identification.refresh(); // e.g. the engine refused the verification without identification
        List<DialogStep> steps = visibleSteps();
        String step = fieldId.flatMap(f -> steps.stream().filter(s -> s.fields().stream().anyMatch(x -> x.id().equals(f))).findFirst())
                .map(DialogStep::id).orElse(draft.step() != null ? draft.step() : steps.isEmpty() ? null : steps.get(steps.size() - 1).id());
        if (step != null) {
            draft.at(step, Instant.now());
        } else {
            draft.at(DialogDraft.Page.REVIEW, Instant.now());
        }
        moveOn();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        listening = catalog.addListener(id -> {
            if (id.equals(procedureId)) {
                try {
                    ui.access(this::procedureChanged);
                } catch (UIDetachedException e) {
                    // the page is gone
                }
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (listening != null) {
            listening.remove();
            listening = null;
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        if (procedure != null) {
            render();
        }
    }

    @Override
    public String getPageTitle() {
        return procedure == null ? "Open i-Kfz" : procedure.title().get(getLocale()) + " – Open i-Kfz";
    }

    /** The catalog changed this procedure: it went away, or a new description replaced it. */
    private void procedureChanged() {
        Optional<ProcedureDescription> now = catalog.get(procedureId);
        if (now.isPresent()) {
            if (!now.get().equals(procedure)) {
                procedure = now.get();
                render();
            }
            return;
        }
        String title = procedure.title().get(getLocale());
        DialogDraft.restart(VaadinSession.getCurrent(), procedureId, Instant.now()); // the answers are discarded, as the message says
        UI ui = UI.getCurrent();
        ui.navigate(HomeView.class);
        Notification notification = Notification.show(getTranslation("procedure.withdrawn", title), 10_000,
                Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_WARNING);
    }

    // --- rendering ---------------------------------------------------------------------------

    private void render() {
        removeAll();
        inputs.clear();
        Locale locale = getLocale();
        Anchor back = new Anchor("", "← " + getTranslation("procedure.allProcedures"));
        back.getElement().setAttribute("router-link", true);
        back.addClassName("ikfz-back");
        H1 title = new H1(procedure.title().get(locale));
        Paragraph summary = new Paragraph(procedure.summary().get(locale));
        summary.addClassName("ikfz-lead");
        add(back, title, summary, facts(locale));

        List<DialogStep> steps = visibleSteps();
        if (steps.isEmpty()) {
            add(new Paragraph(getTranslation("procedure.noDialog")));
            return;
        }
        if (panel != null) {
            add(progress(steps, null, locale), panel);
            stepShown = panel;
            return;
        }
        boolean required = identification.required();
        if (required && (!identification.identified() || identification.stopped() || draft.page() == DialogDraft.Page.IDENTIFICATION)) {
            // FZV § 20(1): identified first, then the questions (the engine verifies nothing before)
            draft.at(DialogDraft.Page.IDENTIFICATION, Instant.now());
            add(progress(steps, IDENTIFICATION_STEP, locale));
            addNote();
            identification.show(getTranslation("procedure.stepOf", 1, stepsShown(steps)));
            add(identification);
            stepShown = identification;
            return;
        }
        if (draft.page() == DialogDraft.Page.REVIEW) {
            add(progress(steps, null, locale));
            addNote();
            addFees(locale);
            renderReview(steps, locale);
            return;
        }
        DialogStep step = steps.stream().filter(s -> s.id().equals(draft.step())).findFirst().orElse(steps.get(0));
        draft.at(step.id(), Instant.now());
        add(progress(steps, step.id(), locale));
        addNote();
        addFees(locale);
        if (!required && step == steps.get(0)) {
            // offered, not required: before the first question, where nothing is lost by leaving for the login
            identification.show(null);
            add(identification);
        }
        renderStep(step, steps, locale);
    }

    /**
     * Says until when the answers are kept (FZV § 19(1) S. 6: deleted when no longer needed) and, once,
     * that the dialog was resumed or its earlier answers deleted, with a way to start again.
     */
    private void addNote() {
        addReference();
        if (note != null) {
            Div box = new Div(new Span(note));
            box.addClassNames("ikfz-notice", "info", "ikfz-draft-resumed");
            box.getElement().setAttribute("role", "status");
            if (draft.started()) {
                Button restart = new Button(getTranslation("procedure.draft.restart"), e -> restart());
                restart.setId("draft-restart");
                box.add(restart);
            }
            add(box);
        }
        if (draft.started()) {
            Paragraph kept = new Paragraph(getTranslation("procedure.draft.kept", CLOCK.format(draft.deletedAt(idle()))));
            kept.addClassName("ikfz-draft-note");
            add(kept);
        }
    }

    /**
     * FZV § 20(5): the fees the answers so far incur, from the table the verification charges from, on
     * every step (a Wunschkennzeichen's fee appears when it is chosen). Nothing while the table is away.
     */
    private void addFees(Locale locale) {
        List<org.openikfz.api.fee.FeeItem> items;
        try {
            items = EngineAccess.current().fees().map(f -> f.quote(procedure.fees(), new Answers(visibleAnswers()))).orElse(null);
        } catch (RuntimeException e) {
            return; // the fees are shown again with the verification's answer
        }
        if (items == null || items.isEmpty()) {
            return;
        }
        java.text.NumberFormat euro = java.text.NumberFormat.getCurrencyInstance(Locale.GERMANY);
        java.math.BigDecimal total = items.stream().map(org.openikfz.api.fee.FeeItem::amount).reduce(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add);
        Paragraph fees = new Paragraph(getTranslation("procedure.fees", euro.format(total), items.stream()
                .map(i -> i.title().get(locale) + " " + euro.format(i.amount())).collect(Collectors.joining(", "))));
        fees.setId("fee-estimate");
        fees.addClassName("ikfz-draft-note");
        add(fees);
    }

    /** Deletes the answers and starts a new dialog (a new application, not the one the engine holds for the old one). */
    private void restart() {
        draft = DialogDraft.restart(VaadinSession.getCurrent(), procedureId, Instant.now());
        ApplicationPanel.forget(procedureId);
        identification.refresh();
        panel = null;
        moveOn();
    }

    private Div facts(Locale locale) {
        Div facts = new Div();
        facts.addClassName("ikfz-facts");
        if (!procedure.legalBasis().isEmpty()) {
            String basis = procedure.legalBasis().stream().map(ProcedureView::cite).collect(Collectors.joining("; "));
            facts.add(new Paragraph(getTranslation("procedure.legalBasis", basis)));
        }
        facts.add(new Paragraph(getTranslation(procedure.identification() == Identification.REQUIRED
                ? "procedure.identification.required" : "procedure.identification.optional")));
        return facts;
    }

    private static String cite(LegalBasis basis) {
        return basis.title() == null ? basis.citation() : basis.citation() + " (" + basis.title() + ")";
    }

    /** How many steps the progress list shows: the identification (if required), the dialog's visible steps and the review. */
    private int stepsShown(List<DialogStep> steps) {
        return (identification.required() ? 1 : 0) + steps.size() + 1;
    }

    /** The steps of the application; {@code current} is a step id, the identification step, or {@code null} for the review. */
    private OrderedList progress(List<DialogStep> steps, String current, Locale locale) {
        OrderedList list = new OrderedList();
        list.addClassName("ikfz-steps");
        list.getElement().setAttribute("aria-label", getTranslation("procedure.steps"));
        if (identification.required()) {
            ListItem item = new ListItem(getTranslation("identification.step"));
            if (IDENTIFICATION_STEP.equals(current)) {
                item.addClassName("current");
                item.getElement().setAttribute("aria-current", "step");
            }
            list.add(item);
        }
        for (DialogStep step : steps) {
            ListItem item = new ListItem(step.title().get(locale));
            if (step.id().equals(current)) {
                item.addClassName("current");
                item.getElement().setAttribute("aria-current", "step");
            }
            list.add(item);
        }
        ListItem check = new ListItem(getTranslation("procedure.review"));
        if (current == null) {
            check.addClassName("current");
            check.getElement().setAttribute("aria-current", "step");
        }
        list.add(check);
        return list;
    }

    private void renderStep(DialogStep step, List<DialogStep> steps, Locale locale) {
        int index = steps.indexOf(step);
        int offset = identification.required() ? 1 : 0; // the identification step comes first
        Section section = new Section();
        section.addClassName("ikfz-step");
        Span counter = new Span(getTranslation("procedure.stepOf", index + 1 + offset, stepsShown(steps)));
        counter.addClassName("ikfz-step-counter");
        section.add(counter, new H2(step.title().get(locale)));
        if (step.intro() != null) {
            section.add(new Paragraph(step.intro().get(locale)));
        }
        for (Notice notice : step.notices()) {
            Div box = new Div(new Span(notice.text().get(locale)));
            box.addClassNames("ikfz-notice", notice.kind() == Notice.Kind.WARNING ? "warning" : "info");
            box.getElement().setAttribute("role", notice.kind() == Notice.Kind.WARNING ? "alert" : "note");
            section.add(box);
        }
        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        stop = new Div();
        stop.setId("step-stop");
        stop.addClassNames("ikfz-notice", "warning");
        stop.getElement().setAttribute("role", "alert");
        stop.setVisible(false);
        form.addClassName("ikfz-form");
        for (Field field : step.fields()) {
            Input input = input(field, locale);
            inputs.put(field.id(), input);
            form.add(input.component());
        }
        section.add(form, stop);
        updateVisibility();

        HorizontalLayout buttons = new HorizontalLayout();
        buttons.addClassName("ikfz-buttons");
        if (index > 0 || offset > 0) {
            Button previous = new Button(getTranslation("procedure.previous"), e -> {
                if (index > 0) {
                    draft.at(steps.get(index - 1).id(), Instant.now());
                } else {
                    draft.at(DialogDraft.Page.IDENTIFICATION, Instant.now());
                }
                moveOn();
            });
            buttons.add(previous);
        }
        Button next = new Button(getTranslation(index + 1 < steps.size() ? "procedure.next" : "procedure.toReview"),
                e -> next(step));
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        buttons.add(next);
        section.add(buttons);
        add(section);
        Headings.enterContinues(form, next);
        stepShown = section;
    }

    private void next(DialogStep step) {
        if (!validate()) {
            return;
        }
        // an answer after which it cannot go on online is said here, before any code is asked for (FZV §§ 21, 26)
        Optional<org.openikfz.api.dialog.Stop> stopped = step.stopped(new Answers(draft.answers()));
        if (stopped.isPresent()) {
            stop.removeAll();
            stop.add(new Span(stopped.get().message().get(getLocale())));
            stop.setVisible(true);
            stop.getElement().executeJs("this.scrollIntoView({block: 'center'})");
            return;
        }
        // the application gets its reference number as soon as the applicant goes on from the first step; the engine
        // checks what it can at once (a Wunschkennzeichen is reserved or refused here, using no correction: FZV § 20(4))
        if (!acceptedByEngine(step)) {
            return;
        }
        // the answers may have changed which steps are shown
        List<DialogStep> steps = visibleSteps();
        int index = steps.indexOf(step);
        if (index >= 0 && index + 1 < steps.size()) {
            draft.at(steps.get(index + 1).id(), Instant.now());
        } else {
            draft.at(DialogDraft.Page.REVIEW, Instant.now());
        }
        moveOn();
    }

    /**
     * Opens the application in the engine if the session has none in the dialog and hands it the step's answers
     * (codes stay in the draft until the verification): what the engine refuses is said at its field and the
     * dialog stays. When the engine is away or refuses for another reason, the dialog goes on: the verification
     * says what is wrong.
     */
    private boolean acceptedByEngine(DialogStep step) {
        Optional<ApplicationService> engine = EngineAccess.current().engine();
        if (engine.isEmpty()) {
            return true;
        }
        Answers given = new Answers(draft.answers());
        Map<String, String> answers = new HashMap<>();
        for (Field field : step.fields()) {
            if (!field.type().secret()) {
                String answer = draft.answer(field.id());
                answers.put(field.id(), field.visible(given) && answer != null ? answer : "");
            }
        }
        Map<String, org.openikfz.api.text.LocalizedText> errors;
        try {
            ApplicationRef ref = ApplicationPanel.forDialog(engine.get(), procedure);
            errors = answers.isEmpty() ? Map.of() : engine.get().answer(ref, answers);
        } catch (ApplicationException e) {
            return true;
        }
        Component first = null;
        for (Map.Entry<String, org.openikfz.api.text.LocalizedText> error : errors.entrySet()) {
            Input input = inputs.get(error.getKey());
            if (input != null && input.component().isVisible()) {
                input.error().accept(error.getValue().get(getLocale()));
                first = first == null ? input.component() : first;
            }
        }
        if (first instanceof com.vaadin.flow.component.Focusable<?> focusable) {
            focusable.focus();
        }
        return first == null;
    }

    /** The reference box of the session's application of this procedure, when there is one. */
    private void addReference() {
        Optional<ApplicationRef> ref = ApplicationPanel.ref(procedureId);
        Optional<ApplicationService> engine = EngineAccess.current().engine();
        if (ref.isEmpty() || engine.isEmpty()) {
            return;
        }
        try {
            ReferenceBox.of(engine.get(), engine.get().status(ref.get())).ifPresent(this::add);
        } catch (ApplicationException e) {
            // gone or not available right now: nothing to show
        }
    }

    /** The optional e-mail address for confirmations, sent to the engine with the verification. */
    private TextField confirmations;

    private Section confirmationsSection() {
        Section box = new Section();
        box.addClassName("ikfz-confirmations");
        confirmations = new TextField(getTranslation("confirmations.email"));
        confirmations.setId("confirmations-email");
        confirmations.setMaxLength(254);
        confirmations.setWidthFull();
        confirmations.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.EMAIL);
        confirmations.getElement().setAttribute("inputmode", "email");
        confirmations.setValue(draft.email() == null ? "" : draft.email());
        confirmations.addValueChangeListener(e -> draft.email(e.getValue()));
        box.add(new H3(getTranslation("confirmations.title")), new Paragraph(getTranslation("confirmations.intro")), confirmations);
        return box;
    }

    private void renderReview(List<DialogStep> steps, Locale locale) {
        Section section = new Section();
        section.addClassName("ikfz-step");
        int total = stepsShown(steps);
        Span counter = new Span(getTranslation("procedure.stepOf", total, total));
        counter.addClassName("ikfz-step-counter");
        section.add(counter, new H2(getTranslation("procedure.review")), new Paragraph(getTranslation("procedure.reviewIntro")));
        Map<String, String> answers = draft.answers();
        Answers given = new Answers(answers);
        for (DialogStep step : steps) {
            Div group = new Div(new H3(step.title().get(locale)));
            group.addClassName("ikfz-review-step");
            for (Field field : step.fields()) {
                if (!field.visible(given) || !answers.containsKey(field.id())) {
                    continue;
                }
                Div row = new Div();
                row.addClassName("ikfz-review-row");
                Span label = new Span(field.label().get(locale));
                label.addClassName("label");
                Span value = new Span(display(field, answers.get(field.id()), locale));
                value.addClassName("value");
                row.add(label, value);
                group.add(row);
            }
            section.add(group);
        }
        Button change = new Button(getTranslation("procedure.change"), e -> {
            draft.at(steps.get(steps.size() - 1).id(), Instant.now());
            moveOn();
        });
        section.add(confirmationsSection());
        Button submit = new Button(getTranslation("procedure.submit"), e -> {
            if (!confirmationsAccepted()) {
                return;
            }
            draft.at(DialogDraft.Page.APPLICATION, Instant.now());
            panel = new ApplicationPanel(procedure, this::backToDialog);
            render();
            panel.verify(visibleAnswers());
            address(false);
        });
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout buttons = new HorizontalLayout(change, submit);
        buttons.addClassName("ikfz-buttons");
        section.add(buttons);
        add(section);
        stepShown = section;
    }

    /** Hands the e-mail address (or none) to the engine; a refused one is said at the field and nothing moves. */
    private boolean confirmationsAccepted() {
        String email = confirmations == null ? "" : confirmations.getValue().strip();
        Optional<ApplicationService> engine = EngineAccess.current().engine();
        if (engine.isEmpty() || (email.isEmpty() && !askedBefore(engine.get()))) {
            return true; // nothing asked for (the verification says what is not available)
        }
        try {
            engine.get().requestConfirmations(ApplicationPanel.forDialog(engine.get(), procedure), email);
            confirmations.setInvalid(false);
            return true;
        } catch (ApplicationException e) {
            if (e.reason() != ApplicationException.Reason.INVALID) {
                return true; // e.g. not available right now: the verification says so
            }
            confirmations.setErrorMessage(e.getMessage(getLocale()));
            confirmations.setInvalid(true);
            confirmations.focus();
            return false;
        }
    }

    /** Whether the session's application has an address for confirmations, which an emptied field now withdraws. */
    private boolean askedBefore(ApplicationService engine) {
        try {
            return ApplicationPanel.ref(procedureId).map(ref -> engine.status(ref).confirmationsTo() != null).orElse(false);
        } catch (ApplicationException e) {
            return false;
        }
    }

    private String display(Field field, String value, Locale locale) {
        if (field.type().secret()) {
            return "••••••  " + getTranslation("procedure.secretGiven");
        }
        return switch (field.type().editor()) {
            case YES_NO -> getTranslation(YES.equals(value) ? "procedure.yes" : "procedure.no");
            case CHOICE -> field.choices().stream().filter(c -> c.value().equals(value)).findFirst()
                    .map(c -> c.label().get(locale)).orElse(value);
            case DATE -> {
                try {
                    yield LocalDate.parse(value).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                            .withLocale(locale));
                } catch (DateTimeParseException e) {
                    yield value;
                }
            }
            case MONTH -> month(value);
            default -> value; // TEXT, and an editor of a newer API
        };
    }

    /**
     * A month as the applicant reads it, {@code 04.2027}: from the engine's {@code 2027-04} or any form
     * the engine accepts; anything else as typed.
     */
    static String month(String value) {
        Matcher m = MONTH_INPUT.matcher(value.strip());
        if (!m.matches()) {
            return value;
        }
        String month = m.group(1) != null ? m.group(1) : m.group(4);
        String year = m.group(1) != null ? m.group(2) : m.group(3);
        return (month.length() == 1 ? "0" + month : month) + "." + year;
    }

    /** Whether the engine will take this as a month (the same forms it accepts). */
    static boolean isMonth(String value) {
        Matcher m = MONTH_INPUT.matcher(value.strip());
        if (!m.matches()) {
            return false;
        }
        int month = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(4));
        return month >= 1 && month <= 12;
    }

    // --- fields ------------------------------------------------------------------------------

    private Input input(Field field, Locale locale) {
        String label = field.label().get(locale);
        String help = field.help() == null ? null : field.help().get(locale);
        String answer = draft.answer(field.id());
        Input input = switch (field.type().editor()) {
            case DATE -> {
                DatePicker picker = new DatePicker(label);
                picker.setLocale(MainLayout.isEnglish(locale) ? Locale.UK : Locale.GERMANY);
                picker.setI18n(datePickerTexts(locale));
                // typed as on the certificate (TT.MM.JJJJ), the calendar on its button: on a phone the picker otherwise
                // opens its full-screen calendar on focus and takes no typed date (a marriage years ago is many taps away)
                picker.setAutoOpen(false);
                if (answer != null) {
                    picker.setValue(LocalDate.parse(answer));
                }
                yield input(field, picker, () -> picker.getValue() == null ? null : picker.getValue().toString());
            }
            case MONTH -> {
                // a text field, not a picker: the applicant copies month and year from the HU sticker or report
                TextField text = new TextField(label);
                text.setValue(answer == null ? "" : month(answer));
                text.setAllowedCharPattern("[0-9./-]");
                text.setMaxLength(10);
                text.getElement().setAttribute("autocomplete", "off");
                hints(field, text);
                yield input(field, text, text::getValue);
            }
            case YES_NO -> {
                RadioButtonGroup<String> group = new RadioButtonGroup<>(label);
                group.setItems(YES, NO);
                group.setItemLabelGenerator(v -> getTranslation(YES.equals(v) ? "procedure.yes" : "procedure.no"));
                group.setValue(answer);
                yield input(field, group, group::getValue);
            }
            case CHOICE -> {
                Map<String, String> labels = new LinkedHashMap<>();
                for (Choice choice : field.choices()) {
                    labels.put(choice.value(), choice.label().get(locale));
                }
                if (labels.size() <= 4) {
                    RadioButtonGroup<String> group = new RadioButtonGroup<>(label);
                    group.setItems(new ArrayList<>(labels.keySet()));
                    group.setItemLabelGenerator(labels::get);
                    group.setValue(answer);
                    yield input(field, group, group::getValue);
                }
                Select<String> select = new Select<>();
                select.setLabel(label);
                select.setItems(new ArrayList<>(labels.keySet()));
                select.setItemLabelGenerator(labels::get);
                select.setValue(answer);
                yield input(field, select, select::getValue);
            }
            default -> { // TEXT, and an editor of a newer API
                if (field.type().secret()) {
                    PasswordField secret = new PasswordField(label);
                    secret.setRevealButtonVisible(false);
                    secret.getElement().setAttribute("autocomplete", "off");
                    if (answer != null) {
                        // never sent back: the field stays empty, the answer is kept
                        secret.setPlaceholder(getTranslation("procedure.secretKept"));
                    }
                    yield input(field, secret, secret::getValue);
                }
                TextField text = new TextField(label);
                text.setValue(answer == null ? "" : answer);
                hints(field, text);
                yield input(field, text, text::getValue);
            }
        };
        // a stable id per field: for assistive technology, the machine API's field ids and tests alike
        input.component().setId("field-" + field.id());
        if (field.type().editor() == Editor.MONTH) {
            String format = getTranslation("procedure.month.hint");
            help = help == null ? format : help + " " + format;
        }
        if (input.component() instanceof com.vaadin.flow.component.HasHelper helper && help != null) {
            helper.setHelperText(help);
        }
        if (field.required() && input.component() instanceof HasValue<?, ?> value) {
            value.setRequiredIndicatorVisible(true);
        }
        return input;
    }

    private Input input(Field field, Component component, Supplier<String> value) {
        Consumer<String> error = message -> {
            if (component instanceof HasValidation validation) {
                validation.setErrorMessage(message);
                validation.setInvalid(message != null);
            }
        };
        if (component instanceof HasValue<?, ?> hasValue) {
            hasValue.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    store(field, value.get());
                    error.accept(null);
                    if (stop != null) {
                        stop.setVisible(false); // changed: said again on "Weiter" if it still stops
                    }
                    updateVisibility();
                }
            });
        }
        return new Input(field, component, value, error);
    }

    private void store(Field field, String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            if (!field.type().secret()) {
                draft.remove(field.id(), Instant.now());
            }
        } else {
            draft.put(field.id(), trimmed, field.type().secret(), Instant.now());
        }
    }

    private void updateVisibility() {
        Answers given = new Answers(draft.answers());
        inputs.values().forEach(i -> i.component().setVisible(i.field().visible(given)));
    }

    private boolean validate() {
        Locale locale = getLocale();
        Map<String, String> answers = draft.answers();
        Answers given = new Answers(answers);
        boolean valid = true;
        Component firstInvalid = null;
        for (Input input : inputs.values()) {
            Field field = input.field();
            if (!field.visible(given)) {
                continue;
            }
            String answer = answers.get(field.id());
            String message = null;
            if (answer == null || answer.isBlank()) {
                if (field.required()) {
                    message = getTranslation("procedure.required");
                }
            } else if (field.type().editor() == Editor.MONTH) {
                message = isMonth(answer) ? null : getTranslation("procedure.month.invalid");
            } else {
                message = refusal(field, answer, locale);
            }
            input.error().accept(message);
            if (message != null && valid) {
                valid = false;
                firstInvalid = input.component();
            }
        }
        if (firstInvalid instanceof com.vaadin.flow.component.Focusable<?> focusable) {
            focusable.focus();
        }
        return valid;
    }

    /** Why the field's type refuses this answer, in the applicant's language; {@code null} when it takes it. */
    private static String refusal(Field field, String answer, Locale locale) {
        try {
            field.type().normalise(answer, field);
            return null;
        } catch (InvalidAnswerException e) {
            return e.getMessage(locale);
        } catch (RuntimeException e) {
            return null; // a type that breaks its contract: the engine refuses the answer with a general message
        }
    }

    /** What the field's type asks of a text editor: capitals for identifiers, security codes as typed, a number keyboard. */
    private static void hints(Field field, TextField text) {
        if (field.type().hints().contains(InputHint.CAPITALS)) {
            text.getElement().setAttribute("autocapitalize", "characters");
            text.getElement().setAttribute("spellcheck", "false");
        }
        if (field.type().hints().contains(InputHint.CASE_SENSITIVE)) {
            // typed as printed: a phone neither capitalises nor corrects it
            text.setAutocapitalize(com.vaadin.flow.component.textfield.Autocapitalize.NONE);
            text.setAutocorrect(false);
            text.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.OFF);
            text.getElement().setAttribute("spellcheck", "false");
        }
        if (field.type().hints().contains(InputHint.NUMERIC)) {
            inputMode(text, "numeric");
        }
    }

    /**
     * Sets {@code inputmode} on the text field's own input element (the web component does not pass
     * the attribute on), so that a phone shows its number keyboard.
     */
    private static void inputMode(TextField field, String mode) {
        field.getElement().executeJs("const set = () => { const input = this.inputElement || this.querySelector('input');"
                + " if (input) { input.setAttribute('inputmode', $0); } else { requestAnimationFrame(set); } }; set();", mode);
    }

    /** The answers to the fields shown for these answers; hidden fields' old answers are cleared. */
    private Map<String, String> visibleAnswers() {
        Map<String, String> answers = draft.answers();
        Answers given = new Answers(answers);
        Map<String, String> visible = new HashMap<>();
        for (DialogStep step : procedure.dialog().steps()) {
            for (Field field : step.fields()) {
                boolean shown = step.visible(given) && field.visible(given);
                visible.put(field.id(), shown ? answers.getOrDefault(field.id(), "") : "");
            }
        }
        return visible;
    }

    private List<DialogStep> visibleSteps() {
        Answers given = new Answers(draft.answers());
        return procedure.dialog().steps().stream().filter(s -> s.visible(given)).toList();
    }

    private DatePicker.DatePickerI18n datePickerTexts(Locale locale) {
        boolean english = MainLayout.isEnglish(locale);
        DateFormatSymbols symbols = DateFormatSymbols.getInstance(english ? Locale.ENGLISH : Locale.GERMAN);
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setMonthNames(Arrays.asList(symbols.getMonths()).subList(0, 12));
        i18n.setWeekdays(Arrays.asList(symbols.getWeekdays()).subList(1, 8));
        i18n.setWeekdaysShort(Arrays.stream(symbols.getShortWeekdays()).skip(1).map(ProcedureView::shortDay)
                .toList());
        i18n.setFirstDayOfWeek(1);
        i18n.setToday(getTranslation("procedure.today"));
        i18n.setCancel(getTranslation("procedure.cancel"));
        if (!english) {
            i18n.setDateFormat("dd.MM.yyyy");
        }
        return i18n;
    }

    private static String shortDay(String day) {
        return day.endsWith(".") ? day.substring(0, day.length() - 1) : day;
    }
}
