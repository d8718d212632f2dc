package org.openikfz.ui.view;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;

/**
 * What a step's change does for keyboard, screen reader and phone users: the new step's heading
 * gets the focus and the top of the screen (after "Weiter" the page used to stay scrolled, the next
 * question 850 px and more below a phone's screen, and the focus fell back to the page), and Enter
 * in a field of the step continues as its button does.
 */
final class Headings {

    private Headings() {
    }

    /** Moves the focus to the first heading of {@code step} and scrolls it to the top, once the browser has the new step. */
    static void focus(Component step) {
        step.getElement().executeJs("const h = this.querySelector('h2');"
                + "if (h) { h.tabIndex = -1; h.focus({preventScroll: true}); h.scrollIntoView({block: 'start'}); }");
    }

    /**
     * Enter in a text field, date field, radio button or check box of {@code form} clicks {@code next}. Not in a
     * drop-down list (Enter opens it) or on a button (Enter clicks that one); the field gives up its focus first,
     * so its value reaches the server before the click.
     */
    static void enterContinues(Component form, Button next) {
        form.getElement().executeJs("const next = $0;"
                + "this.addEventListener('keydown', e => {"
                + "  if (e.key !== 'Enter' || e.isComposing || e.defaultPrevented) return;"
                + "  const t = e.composedPath()[0];"
                + "  const host = t && t.localName === 'input' ? t.parentElement : null;"
                + "  if (!host || !['vaadin-text-field', 'vaadin-password-field', 'vaadin-integer-field', 'vaadin-number-field',"
                + "      'vaadin-email-field', 'vaadin-date-picker', 'vaadin-radio-button', 'vaadin-checkbox'].includes(host.localName)) return;"
                + "  e.preventDefault(); t.blur(); next.click();"
                + "});", next.getElement());
    }
}
