package org.openikfz.simulator.gebuehren.by.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.openikfz.simulator.support.Debtor;
import org.openikfz.simulator.support.DebtorFile;
import org.openikfz.simulator.support.DebtorRules;

/**
 * The simulated Land's open fees, kept in {@code gebuehren-by-debtors.tsv} (one debtor a line: name,
 * date of birth, amount, Kassenzeichen, creditor, due since). A new installation starts with the one
 * clearly fictitious seed debtor; everyone else (also the demo persons Erika Mustermann and Muster
 * GmbH) has no arrears. A line that is no debtor stops the simulator.
 */
final class DebtorRegister extends org.openikfz.simulator.support.DebtorRegister<Debtor> {

    static final String FILE = "gebuehren-by-debtors.tsv";
    static final String DEFAULT_GLAEUBIGER = "Landratsamt Musterkreis, Staatsoberkasse Bayern";

    /** What the Land Bayern records: the common rules. */
    static final DebtorRules RULES = DebtorRules.standard();

    /** The seed: clearly fictitious. */
    static final Debtor SEED = debtor("Berta Beitragsrest", LocalDate.of(1970, 3, 3), new BigDecimal("45.60"),
            "BY-2025-004711", DEFAULT_GLAEUBIGER, LocalDate.of(2025, 2, 14));

    /** Creditor and due date may be missing (then: the Staatsoberkasse, and 2025-01-01). */
    static final DebtorFile LAYOUT = DebtorFile.of(FILE, DebtorFile.WITH_FAELLIG_SEIT, DEFAULT_GLAEUBIGER, "BY")
            .withRequiredColumns(4, LocalDate.of(2025, 1, 1));

    DebtorRegister(Path dir) {
        super(dir, LAYOUT, (name, birth, plz, amount, kassenzeichen, glaeubiger, due)
                -> debtor(name, birth, amount, kassenzeichen, glaeubiger, due), List.of(SEED));
    }

    static Debtor debtor(String name, LocalDate dateOfBirth, BigDecimal amount, String kassenzeichen,
            String glaeubiger, LocalDate faelligSeit) {
        return new Debtor(RULES, name, dateOfBirth, null, amount, kassenzeichen, glaeubiger, faelligSeit);
    }
}
