package org.openikfz.procedure.support;

import org.openikfz.api.dialog.SharedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;

/** FZV §§ 21, 26: what stops a registration on its step, before any security code is asked for. */
class RegistrationStopsTest {

    @Test
    void each_exclusion_answered_yes_stops_the_conditions_step_with_the_verifications_own_text() {
        DialogStep step = Registration.conditionsStep();
        List<String> exclusions = step.fields().stream().map(Field::id).toList();
        assertEquals(4, exclusions.size());
        Map<String, String> none = new HashMap<>();
        exclusions.forEach(f -> none.put(f, "false"));
        assertTrue(step.stopped(new Answers(none)).isEmpty(), "all four 'no': on to the next step");
        for (String field : exclusions) {
            Map<String, String> answers = new HashMap<>(none);
            answers.put(field, "true");
            String said = step.stopped(new Answers(answers)).orElseThrow(() -> new AssertionError(field + " does not stop"))
                    .message().get(Locale.GERMAN);
            assertTrue(said.contains("nur bei der Zulassungsbehörde"), said);
            // one rule in one place: the verification opposes with the same text
            assertEquals(List.of(said), Registration.conditionFindings(new Answers(answers)).stream()
                    .map(f -> f.message().get(Locale.GERMAN)).toList());
        }
    }

    @Test
    void the_warning_before_the_codes_not_confirmed_stops_its_step() {
        DialogStep step = Registration.securityCodeWarningStep(true, true);
        assertTrue(step.stopped(new Answers(Map.of(SharedFields.HINWEIS_GELESEN, "false"))).isPresent());
        assertTrue(step.stopped(new Answers(Map.of(SharedFields.HINWEIS_GELESEN, "true"))).isEmpty());
    }
}
