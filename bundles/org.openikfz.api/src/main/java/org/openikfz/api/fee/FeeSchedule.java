package org.openikfz.api.fee;

import java.util.List;
import org.openikfz.api.dialog.Answers;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The fee table in force, for showing the fees while the dialog is filled in (FZV § 20(5): the fees are
 * known before anything is submitted). The verification charges from the same table.
 *
 * @since 1.1
 */
@ProviderType
public interface FeeSchedule {

    /**
     * The fees these answers incur today: each of the procedure's rules that applies, with the table's
     * entry in force (rules whose item the table lacks are left out: the verification then leaves the
     * fee to the clerks).
     */
    List<FeeItem> quote(List<FeeRule> rules, Answers answers);
}
