package org.openikfz.api.fee;

import java.util.Objects;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Condition;

/**
 * A fee item of the GebOSt that a procedure charges, when the condition holds. The amounts are not
 * here: they are dated data in the fee table ({@link FeeItem}), so a change of the ordinance is a
 * data change.
 *
 * @param item the GebOSt item number, e.g. {@code "221.1.1"}
 * @param when charged only when this condition holds, or {@code null} for always
 */
public record FeeRule(String item, Condition when) {
    public FeeRule {
        Objects.requireNonNull(item, "item");
    }

    public static FeeRule always(String item) {
        return new FeeRule(item, null);
    }

    public boolean applies(Answers answers) {
        return when == null || when.holds(answers);
    }
}
