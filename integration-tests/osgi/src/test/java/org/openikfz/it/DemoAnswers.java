package org.openikfz.it;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers of the Außerbetriebsetzung dialog for a vehicle of the KBA simulator; shared by the test modules. */
public final class DemoAnswers {

    private DemoAnswers() {
    }

    /** All answers for deregistering {@code plate} with the given seal and ZB I codes. */
    public static Map<String, String> abmelden(String plate, String plaketteVorn, String plaketteHinten, String zb1) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("kennzeichen", plate);
        answers.put("wechselkennzeichen", "false");
        answers.put("halter", "true");
        answers.put("hinweisGelesen", "true");
        answers.put("plaketteVorn", plaketteVorn);
        answers.put("plaketteHinten", plaketteHinten);
        answers.put("zb1Code", zb1);
        answers.put("verwertet", "false");
        answers.put("kennzeichenReservieren", "false");
        return answers;
    }

    /** The simulator's demo vehicle ERZ-AB 123 with the given ZB I code. */
    public static Map<String, String> abmelden(String zb1) {
        return abmelden("ERZ-AB 123", "K7m", "P2x", zb1);
    }
}
