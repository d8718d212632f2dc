package org.openikfz.testfixture.check;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.check.AnsweredFields;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.check.Finding;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.testfixture.fieldtype.Postleitzahl;
import org.osgi.service.component.annotations.Component;

/**
 * A check of a bundle of its own: the place of the postal code answered in the fixture's field type. It
 * establishes a fact of its own ({@link #ORT}) and opposes a code it does not know.
 */
@Component
public class OrtCheck implements Check {

    /** The check's id, as a procedure names it. */
    static final CheckId ID = new CheckId("testfixture.ort");
    /** The fact it establishes: the place of the postal code. */
    static final FactKey<String> ORT = FactKey.text("testfixture.ort");

    private static final Map<String, String> PLACES = Map.of("09456", "Annaberg-Buchholz", "09599", "Freiberg", "08056", "Zwickau");

    @Override
    public CheckId id() {
        return ID;
    }

    @Override
    public CheckResult check(CheckContext context) {
        AnsweredFields answered = AnsweredFields.of(context);
        Optional<Field> field = answered.first(Postleitzahl.TYPE);
        if (field.isEmpty()) {
            return CheckResult.failed("no postal code answered", LocalizedText.of("Keine Postleitzahl angegeben.", "No postal code given."));
        }
        String place = PLACES.get(answered.value(field.get()));
        if (place == null) {
            return CheckResult.opposed(new Finding(field.get().id(), LocalizedText.of(
                    "Diese Postleitzahl gehört nicht zu unserem Bezirk. Bitte prüfen Sie sie.",
                    "This postal code is not in our district. Please check it.")));
        }
        return CheckResult.clear().with(ORT, place);
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(ORT);
    }
}
