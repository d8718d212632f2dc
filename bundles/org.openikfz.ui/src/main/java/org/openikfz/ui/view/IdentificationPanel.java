package org.openikfz.ui.view;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.ui.web.EngineAccess;

/**
 * Electronic identification of the applicant (FZV § 20(1)–(3)) as a round trip, like the payment:
 * the engine names the identity provider's login page, the browser goes there, and the provider
 * sends it back to this procedure's page with {@code ?return=identification&code=…&state=…} (the login's state);
 * the code is redeemed through the engine. The application is the engine's; the session keeps only
 * its reference, as for the payment.
 *
 * <p>For {@link Identification#REQUIRED} the panel is the first step of the dialog, for
 * {@link Identification#OPTIONAL} an offer above the first step. It shows only what the status says
 * (identified or not), never identity data.
 */
final class IdentificationPanel extends Section {

    private static final long serialVersionUID = 1L;

    /** The value of {@code return} when the identity provider sends the applicant back. */
    static final String RETURN = "identification";

    private final ProcedureDescription procedure;
    private final Supplier<Map<String, String>> answersToKeep;
    private final Runnable proceed;
    private final Runnable restart;
    private boolean identified;
    /** What the identity-only checks opposed right after the login: it cannot go on online (FZV §§ 20(1), 21). */
    private java.util.List<org.openikfz.api.check.Finding> stops = java.util.List.of();
    private String problem; // what went wrong last, in the applicant's language, or null
    private boolean focus; // move the focus to the panel when it is shown next
    private String counter; // "step 1 of n" while the panel is a step of its own

    /**
     * @param answersToKeep the answers given so far (not secret), kept in the engine while the
     *                      applicant is away at the login page
     * @param proceed       on to the first dialog step (used when identification is a step of its own)
     * @param restart       a new application from the start (offered when the identity stopped this one)
     */
    IdentificationPanel(ProcedureDescription procedure, Supplier<Map<String, String>> answersToKeep, Runnable proceed,
            Runnable restart) {
        this.procedure = procedure;
        this.answersToKeep = answersToKeep;
        this.proceed = proceed;
        this.restart = restart;
        setId("identification");
        addClassName("ikfz-identification");
        getElement().setAttribute("aria-labelledby", "identification-heading");
    }

    boolean required() {
        return procedure.identification() == Identification.REQUIRED;
    }

    /** Whether the checks that need only the identity stopped the application (residence, arrears). */
    boolean stopped() {
        return identified && !stops.isEmpty();
    }

    /** Whether the applicant identified for the application now in the dialog, as the engine says. */
    boolean identified() {
        return identified;
    }

    /**
     * Asks the engine again (the session's application may have changed). While the engine cannot
     * answer, what was known stays: an applicant is not sent to log in again because of an update.
     */
    void refresh() {
        Optional<ApplicationRef> ref = ApplicationPanel.ref(procedure.id().value());
        Optional<ApplicationService> engine = EngineAccess.current().engine();
        if (ref.isEmpty()) {
            identified = false;
        } else if (engine.isPresent()) {
            try {
                ApplicationStatus status = engine.get().status(ref.get());
                // a new application is opened when this one has left the dialog: not identified yet
                identified = status.state() == ApplicationState.DIALOG && status.identified();
                stops = identified ? status.stops() : java.util.List.of();
            } catch (ApplicationException e) {
                if (e.reason() != ApplicationException.Reason.UNAVAILABLE) {
                    identified = false;
                }
            }
        }
    }

    /**
     * The identity provider sent the applicant back: redeem the code for the application in the
     * session, if the state names it.
     *
     * @return the answers the engine kept while the applicant was away (not secret), to show again
     */
    Map<String, String> returned(String code, String state) {
        focus = true;
        Optional<ApplicationRef> ref = ApplicationPanel.ref(procedure.id().value());
        Map<String, String> kept = new HashMap<>();
        if (ref.isEmpty()) {
            problem = getTranslation("identification.sessionExpired");
        } else if (code == null || code.isBlank()) {
            problem = getTranslation("identification.notCompleted");
        } else {
            // the engine redeems the code only with the state of this application's login: a code of another login is refused
            run(engine -> {
                ApplicationStatus status = engine.completeIdentification(ref.get(), code);
                identified = status.identified();
                stops = status.stops();
                problem = identified ? null : getTranslation("identification.notCompleted");
                kept.putAll(status.answers());
            });
        }
        if (problem != null) {
            refresh();
            // not logged in, but what was answered before leaving is still there
            ref.flatMap(r -> EngineAccess.current().engine().flatMap(engine -> ApplicationPanel.inDialog(engine, r)))
                    .ifPresent(status -> kept.putAll(status.answers()));
        }
        return kept;
    }

    /** Off to the login page, with the answers so far kept in the engine. */
    private void start() {
        problem = null;
        boolean away = run(engine -> {
            ApplicationRef ref = ApplicationPanel.forDialog(engine, procedure);
            Map<String, String> keep = answersToKeep.get();
            if (!keep.isEmpty()) {
                // invalid answers are not kept; the dialog asks for them again
                engine.answer(ref, keep);
            }
            URI page = engine.startIdentification(ref, ApplicationPanel.returnUri(procedure, RETURN));
            UI.getCurrent().getPage().setLocation(page);
        });
        if (!away) {
            focus = true;
            show(counter);
        }
    }

    /** Runs a request to the engine; when it is refused, {@link #problem} says why. */
    private boolean run(Consumer<ApplicationService> action) {
        Optional<ApplicationService> engine = EngineAccess.current().engine();
        if (engine.isEmpty()) {
            problem = getTranslation("application.unavailable");
            return false;
        }
        try {
            action.accept(engine.get());
            return true;
        } catch (ApplicationException e) {
            // the engine's reason in plain words (e.g. the identity provider is not reachable)
            problem = e.getMessage(getLocale());
            return false;
        }
    }

    /**
     * Renders the panel.
     *
     * @param counter "step 1 of n" when identification is a step of its own, else {@code null}
     */
    void show(String counter) {
        this.counter = counter;
        removeAll();
        boolean step = counter != null;
        setClassName("ikfz-step", step);
        setClassName("ikfz-identification-offer", !step);
        if (step) {
            Span count = new Span(counter);
            count.addClassName("ikfz-step-counter");
            add(count);
        }
        H2 heading = new H2(getTranslation("identification.title"));
        heading.setId("identification-heading");
        heading.getElement().setAttribute("tabindex", "-1");
        add(heading);
        if (problem != null && !identified) {
            // right under the heading, which gets the focus: the first thing read after coming back
            Div alert = new Div(new Span(problem));
            alert.setId("identification-problem");
            alert.addClassNames("ikfz-notice", "warning");
            alert.getElement().setAttribute("role", "alert");
            add(alert);
        }
        if (stopped()) {
            // cannot be corrected online: said now, before any code is asked for, with what to do instead
            Div done = new Div(new Span(getTranslation("identification.done")));
            done.addClassNames("ikfz-notice", "success");
            Div stop = new Div(new Span(getTranslation("identification.stopped")));
            stop.setId("identification-stop");
            stop.addClassNames("ikfz-notice", "warning");
            stop.getElement().setAttribute("role", "alert");
            UnorderedList why = new UnorderedList();
            stops.forEach(f -> why.add(new ListItem(f.message().get(getLocale()))));
            stop.add(why);
            add(done, stop, new Paragraph(getTranslation("identification.stoppedNext")));
            // e.g. once the arrears are settled: a new application, asked anew
            Button again = new Button(getTranslation("procedure.draft.restart"), e -> restart.run());
            again.setId("identification-restart");
            add(buttons(again));
        } else if (identified) {
            Div done = new Div(new Span(getTranslation("identification.done")));
            done.setId("identification-status");
            done.addClassNames("ikfz-notice", "success");
            done.getElement().setAttribute("role", "status");
            add(done);
            if (step) {
                add(new Paragraph(getTranslation("identification.doneDetail")));
                Button next = new Button(getTranslation("identification.continue"), e -> proceed.run());
                next.setId("identification-continue");
                next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                add(buttons(next));
            }
        } else {
            add(new Paragraph(getTranslation(required() ? "identification.why.required" : "identification.why.optional")));
            if (step) {
                Paragraph ways = new Paragraph(getTranslation("identification.ways"));
                ways.setId("identification-ways");
                UnorderedList list = new UnorderedList(new ListItem(getTranslation("identification.way.eid")),
                        new ListItem(getTranslation("identification.way.bundid")),
                        new ListItem(getTranslation("identification.way.organisation")));
                list.getElement().setAttribute("aria-labelledby", "identification-ways");
                add(ways, list);
            }
            add(new Paragraph(getTranslation("identification.leave")));
            Button login = new Button(getTranslation("identification.start"), e -> start());
            login.setId("identification-start");
            if (step) {
                login.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
            add(buttons(login));
        }
        if (focus) {
            // back from the login page (or refused): the result is what the applicant reads first
            focus = false;
            // on the page, not the heading: the view may render again (locale) before the browser gets it
            UI.getCurrent().getPage().executeJs("setTimeout(() => { const h = document.getElementById('identification-heading');"
                    + " if (h) { h.focus(); } })");
        }
    }

    private static HorizontalLayout buttons(Button... buttons) {
        HorizontalLayout layout = new HorizontalLayout(buttons);
        layout.addClassName("ikfz-buttons");
        return layout;
    }
}
