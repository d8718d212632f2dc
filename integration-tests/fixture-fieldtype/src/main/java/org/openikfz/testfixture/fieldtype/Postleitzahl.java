package org.openikfz.testfixture.fieldtype;

import java.util.Set;
import org.openikfz.api.dialog.Editor;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.dialog.InputHint;
import org.openikfz.api.dialog.InvalidAnswerException;
import org.openikfz.api.text.LocalizedText;

/**
 * A German postal code: five digits, kept without spaces. A field type that the platform does not have,
 * contributed by this bundle alone: the engine checks answers with it, the portal renders it as a line of text
 * with a number keyboard, and the machine API describes it, without a change to any of them.
 */
public final class Postleitzahl implements FieldType {

    /** The type, for a procedure's fields. */
    public static final FieldType TYPE = new Postleitzahl();

    private Postleitzahl() {
    }

    @Override
    public String name() {
        return "TESTFIXTURE_POSTLEITZAHL";
    }

    @Override
    public Editor editor() {
        return Editor.TEXT;
    }

    @Override
    public Set<InputHint> hints() {
        return Set.of(InputHint.NUMERIC);
    }

    @Override
    public String normalise(String answer, Field field) {
        String digits = answer.replace(" ", "");
        if (!digits.matches("[0-9]{5}") || digits.startsWith("00")) {
            throw new InvalidAnswerException(LocalizedText.of("Bitte geben Sie eine Postleitzahl mit fünf Ziffern an, zum Beispiel 09456.",
                    "Please enter a postal code of five digits, e.g. 09456."));
        }
        return digits;
    }
}
