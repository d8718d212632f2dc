package org.openikfz.ui.view;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Locale;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.ui.web.ProcedureCatalog;

/** The home page at {@code /}: the procedures offered now, one card each. */
public class HomeView extends Div implements HasDynamicTitle, LocaleChangeObserver {

    private static final long serialVersionUID = 1L;

    private final transient ProcedureCatalog catalog = ProcedureCatalog.current();
    private Registration listening;

    public HomeView() {
        addClassName("ikfz-home");
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        UI ui = attachEvent.getUI();
        render();
        listening = catalog.addListener(id -> {
            try {
                ui.access(this::render);
            } catch (UIDetachedException e) {
                // the page is gone
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
        render();
    }

    @Override
    public String getPageTitle() {
        return "Open i-Kfz – " + getTranslation("home.title");
    }

    private void render() {
        removeAll();
        Locale locale = getLocale();
        H1 title = new H1("Open i-Kfz");
        Paragraph intro = new Paragraph(getTranslation("home.intro"));
        intro.addClassName("ikfz-lead");
        add(title, intro);
        List<ProcedureDescription> procedures = catalog.all(locale);
        H2 heading = new H2(getTranslation("home.procedures"));
        add(heading);
        if (procedures.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("home.none"));
            none.addClassName("ikfz-empty");
            add(none);
            return;
        }
        Div list = new Div();
        list.addClassName("ikfz-procedures");
        list.getElement().setAttribute("role", "list");
        for (ProcedureDescription procedure : procedures) {
            list.add(card(procedure, locale));
        }
        add(list);
    }

    private Card card(ProcedureDescription procedure, Locale locale) {
        Card card = new Card();
        card.getElement().setAttribute("role", "listitem");
        card.addClassName("ikfz-procedure");
        card.setTitle(procedure.title().get(locale));
        card.add(new Paragraph(procedure.summary().get(locale)));
        Span identification = new Span(getTranslation(procedure.identification() == Identification.REQUIRED
                ? "procedure.identification.required.short" : "procedure.identification.optional.short"));
        identification.getElement().getThemeList().add("badge");
        identification.addClassName("ikfz-badge");
        Anchor start = new Anchor(procedure.id().value(), getTranslation("home.start"));
        start.getElement().setAttribute("router-link", true);
        start.addClassName("ikfz-start");
        Div footer = new Div(identification, start);
        footer.addClassName("ikfz-card-footer");
        card.addToFooter(footer);
        return card;
    }
}
