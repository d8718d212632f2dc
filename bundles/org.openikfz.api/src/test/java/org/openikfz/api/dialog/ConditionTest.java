package org.openikfz.api.dialog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private static Answers answers(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new Answers(m);
    }

    @Test
    void andNeedsBothOrEither() {
        Condition a = Condition.when("anlass", "halterwechsel");
        Condition b = Condition.when("herkunft", "anderer");
        assertTrue(a.and(b).holds(answers("anlass", "halterwechsel", "herkunft", "anderer")));
        assertFalse(a.and(b).holds(answers("anlass", "halterwechsel", "herkunft", "bezirk")));
        assertTrue(a.or(b).holds(answers("anlass", "umzug", "herkunft", "anderer")));
        assertFalse(a.or(b).holds(answers("anlass", "umzug", "herkunft", "bezirk")));
    }

    @Test
    void anAlternativeAndedStaysCorrect() {
        // (halterwechsel or anderer) and wahl=wunsch
        Condition c = Condition.when("anlass", "halterwechsel").or(Condition.when("herkunft", "anderer"))
                .and(Condition.when("wahl", "wunsch"));
        assertTrue(c.holds(answers("anlass", "umzug", "herkunft", "anderer", "wahl", "wunsch")));
        assertTrue(c.holds(answers("anlass", "halterwechsel", "herkunft", "bezirk", "wahl", "wunsch")));
        assertFalse(c.holds(answers("anlass", "umzug", "herkunft", "anderer", "wahl", "zuteilen")));
        assertFalse(c.holds(answers("anlass", "umzug", "herkunft", "bezirk", "wahl", "wunsch")));
        assertFalse(c.holds(answers()));
    }
}
