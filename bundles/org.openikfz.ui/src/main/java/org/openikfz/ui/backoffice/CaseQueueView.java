package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.openikfz.api.backoffice.BackOfficeException;
import org.openikfz.api.backoffice.ClerkCase;

/**
 * The cases of the member's authority the machine could not decide (FZV § 19(1) S. 4): reference,
 * plate, applicant, procedure, why not by machine, received and state; searched by plate, reference,
 * name or case number, filtered by state and procedure, sorted by receipt. The address keeps the
 * search ({@code ?suche=…&stand=…&verfahren=…&sortierung=…}), so a reload or a bookmark shows the same list.
 */
public class CaseQueueView extends StaffPage {

    private static final long serialVersionUID = 1L;
    private static final String SEARCH = "suche";
    private static final String STATE = "stand";
    private static final String PROCEDURE = "verfahren";
    private static final String SORT = "sortierung";
    private static final String OPEN = "offen";
    private static final String MINE = "meine";
    private static final String UNASSIGNED = "frei";
    private static final String DECIDED = "entschieden";
    private static final String ALL = "alle";
    private static final String OLDEST = "aelteste";
    private static final String NEWEST = "neueste";

    private String search = "";
    private String state = OPEN;
    private String procedure = "";
    private String sort = OLDEST;

    @Override
    protected void entered(BeforeEnterEvent event) {
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        search = first(query, SEARCH, "").strip();
        search = search.length() > 100 ? search.substring(0, 100) : search;
        state = first(query, STATE, OPEN);
        state = List.of(OPEN, MINE, UNASSIGNED, DECIDED, ALL).contains(state) ? state : OPEN;
        procedure = first(query, PROCEDURE, "");
        sort = NEWEST.equals(first(query, SORT, OLDEST)) ? NEWEST : OLDEST;
    }

    @Override
    protected void render(Locale locale) {
        add(new H1(StaffViews.t(locale, "Fälle zur Entscheidung", "Cases to decide") + " – " + session.member().authority()));
        List<ClerkCase> cases;
        try {
            cases = StaffViews.workspace().queue(session);
        } catch (BackOfficeException e) {
            add(new Paragraph(e.getMessage(locale)));
            return;
        }
        Div results = new Div();
        results.setId("case-results");

        TextField find = new TextField(StaffViews.t(locale, "Suchen: Kennzeichen, Aktenzeichen, Name oder Fallnummer",
                "Search: plate, reference, name or case number"));
        find.setId("case-search");
        find.setValue(search);
        find.setClearButtonVisible(true);
        find.setMaxLength(100);
        Select<String> stateFilter = select("case-filter-state", StaffViews.t(locale, "Stand", "State"), state, Map.of(
                OPEN, StaffViews.t(locale, "offen", "open"), MINE, StaffViews.t(locale, "offen, mir zugewiesen", "open, assigned to me"),
                UNASSIGNED, StaffViews.t(locale, "offen, niemandem zugewiesen", "open, assigned to nobody"),
                DECIDED, StaffViews.t(locale, "entschieden", "decided"), ALL, StaffViews.t(locale, "alle", "all")),
                List.of(OPEN, MINE, UNASSIGNED, DECIDED, ALL));
        Map<String, String> procedures = new LinkedHashMap<>();
        procedures.put("", StaffViews.t(locale, "alle Verfahren", "all procedures"));
        new TreeSet<>(cases.stream().map(c -> c.procedure() + "\u0000" + c.procedureTitle()).toList())
                .forEach(p -> procedures.put(p.substring(0, p.indexOf('\u0000')), p.substring(p.indexOf('\u0000') + 1)));
        Select<String> procedureFilter = select("case-filter-procedure", StaffViews.t(locale, "Verfahren", "Procedure"),
                procedures.containsKey(procedure) ? procedure : "", procedures, new ArrayList<>(procedures.keySet()));
        Select<String> order = select("case-sort", StaffViews.t(locale, "Sortierung", "Order"), sort, Map.of(
                OLDEST, StaffViews.t(locale, "älteste zuerst", "oldest first"), NEWEST, StaffViews.t(locale, "neueste zuerst", "newest first")),
                List.of(OLDEST, NEWEST));
        Runnable apply = () -> {
            search = find.getValue() == null ? "" : find.getValue().strip();
            state = stateFilter.getValue();
            procedure = procedureFilter.getValue();
            sort = order.getValue();
            UI.getCurrent().getPage().getHistory().replaceState(null, new Location(StaffViews.CASES, address()));
            list(results, cases, locale);
        };
        find.addValueChangeListener(e -> apply.run());
        stateFilter.addValueChangeListener(e -> apply.run());
        procedureFilter.addValueChangeListener(e -> apply.run());
        order.addValueChangeListener(e -> apply.run());
        Div filters = new Div(find, stateFilter, procedureFilter, order);
        filters.addClassName("ikfz-case-filters");
        filters.getElement().setAttribute("role", "search");
        add(filters, results);
        list(results, cases, locale);
    }

    /** The cases the search, the filters and the order select, as a table. */
    private void list(Div results, List<ClerkCase> cases, Locale locale) {
        results.removeAll();
        String wanted = normal(search);
        Comparator<ClerkCase> byReceipt = Comparator.comparing(ClerkCase::received);
        List<ClerkCase> shown = cases.stream()
                .filter(this::inState)
                .filter(c -> procedure.isEmpty() || c.procedure().equals(procedure))
                .filter(c -> wanted.isEmpty() || matches(c, wanted))
                .sorted(sort.equals(NEWEST) ? byReceipt.reversed() : byReceipt)
                .toList();
        Paragraph count = new Paragraph(StaffViews.t(locale, shown.size() + " von " + cases.size() + " Fällen",
                shown.size() + " of " + cases.size() + " cases"));
        count.setId("case-count");
        count.getElement().setAttribute("role", "status");
        results.add(count);
        if (shown.isEmpty()) {
            results.add(new Paragraph(cases.isEmpty()
                    ? StaffViews.t(locale, "Derzeit liegen keine Fälle vor.", "There are no cases right now.")
                    : StaffViews.t(locale, "Kein Fall passt zu Suche und Filter.", "No case matches the search and filters.")));
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (ClerkCase c : shown) {
            Anchor open = new Anchor(StaffViews.CASE + "?id=" + c.application(), StaffViews.t(locale, "Öffnen", "Open"));
            open.getElement().setAttribute("router-link", true);
            open.getElement().setAttribute("aria-label", StaffViews.t(locale, "Fall öffnen: ", "Open case: ") + c.procedureTitle()
                    + (c.plate() == null ? "" : ", " + c.plate()) + ", " + StaffViews.when(c.received()));
            open.addClassName("ikfz-case-link");
            rows.add(List.of(StaffViews.when(c.received()), nonNull(c.reference()), nonNull(c.plate()), nonNull(c.applicant()),
                    c.procedureTitle(), c.reason(), state(c, locale), holder(c, locale), open));
        }
        results.add(StaffViews.table(StaffViews.t(locale, "Fälle", "Cases"),
                List.of(StaffViews.t(locale, "Eingang", "Received"), StaffViews.t(locale, "Aktenzeichen", "Reference"),
                        StaffViews.t(locale, "Kennzeichen", "Plate"), StaffViews.t(locale, "Antragsteller / Halter", "Applicant / holder"),
                        StaffViews.t(locale, "Verfahren", "Procedure"), StaffViews.t(locale, "Warum nicht maschinell", "Why not by machine"),
                        StaffViews.t(locale, "Stand", "State"), StaffViews.t(locale, "Bearbeitung", "Worked on by"), ""),
                rows));
    }

    private boolean inState(ClerkCase c) {
        boolean open = c.state().equals(ClerkCase.OPEN);
        return switch (state) {
            case ALL -> true;
            case DECIDED -> !open;
            case MINE -> open && session.member().user().equals(c.assignedTo());
            case UNASSIGNED -> open && c.assignedTo() == null;
            default -> open;
        };
    }

    /** Whether the case's plate, reference, applicant or case number contains the search (spaces, hyphens and case aside). */
    private static boolean matches(ClerkCase c, String wanted) {
        return normal(c.plate()).contains(wanted) || normal(c.reference()).contains(wanted) || normal(c.applicant()).contains(wanted)
                || normal(c.application().toString()).startsWith(wanted);
    }

    /** A text as searched: lower case, without spaces and hyphens ("ERZ-AB 123" finds "erzab123"). */
    private static String normal(String text) {
        return text == null ? "" : text.toLowerCase(Locale.GERMAN).replaceAll("[\\s\\-]", "");
    }

    private QueryParameters address() {
        Map<String, String> query = new LinkedHashMap<>();
        if (!search.isEmpty()) {
            query.put(SEARCH, search);
        }
        query.put(STATE, state);
        if (!procedure.isEmpty()) {
            query.put(PROCEDURE, procedure);
        }
        query.put(SORT, sort);
        return QueryParameters.simple(query);
    }

    private static Select<String> select(String id, String label, String value, Map<String, String> labels, List<String> items) {
        Select<String> select = new Select<>();
        select.setId(id);
        select.setLabel(label);
        select.setItems(items);
        select.setItemLabelGenerator(labels::get);
        select.setValue(labels.containsKey(value) ? value : items.get(0));
        return select;
    }

    private static String first(Map<String, List<String>> query, String name, String otherwise) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? otherwise : values.get(0);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    private String holder(ClerkCase c, Locale locale) {
        if (c.assignedTo() == null) {
            return "";
        }
        return c.assignedTo().equals(session.member().user()) ? StaffViews.t(locale, "Sie", "you") : c.assignedTo();
    }

    static String state(ClerkCase c, Locale locale) {
        return switch (c.state()) {
            case ClerkCase.APPROVED -> StaffViews.t(locale, "stattgegeben von ", "granted by ") + c.decidedBy();
            case ClerkCase.REJECTED -> StaffViews.t(locale, "abgelehnt von ", "refused by ") + c.decidedBy();
            default -> StaffViews.t(locale, "offen", "open");
        };
    }

    @Override
    protected String[] title() {
        return new String[] {"Fälle", "Cases"};
    }
}
