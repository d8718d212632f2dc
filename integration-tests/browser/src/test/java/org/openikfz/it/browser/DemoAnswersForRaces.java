package org.openikfz.it.browser;

import java.util.Map;

/** Answers of an Außerbetriebsetzung for a vehicle the race tests put into the KBA simulator. */
final class DemoAnswersForRaces {

    private DemoAnswersForRaces() {
    }

    static Map<String, String> abmelden(String plate, String front, String rear) {
        return Map.copyOf(org.openikfz.it.DemoAnswers.abmelden(plate, front, rear, "Ab3De4F"));
    }
}
