package org.openikfz.simulator.gebuehren.ni.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.openikfz.simulator.support.DebtorFile;
import org.openikfz.simulator.support.DebtorFile.Column;

/**
 * The simulated Land's open fees, kept in {@code gebuehren-ni-debtors.tsv} (one debtor a line: name,
 * date of birth, plz, amount, Kassenzeichen, creditor). A new installation starts with the one clearly
 * fictitious seed debtor; everyone else (also the demo persons Erika Mustermann and Muster GmbH) has no
 * arrears. A line that is no debtor stops the simulator.
 */
final class DebtorRegister extends org.openikfz.simulator.support.DebtorRegister<Debtor> {

    static final String FILE = "gebuehren-ni-debtors.tsv";
    static final String DEFAULT_GLAEUBIGER = "Landkreis Musterland, Kreiskasse";

    /** The seed: clearly fictitious. */
    static final Debtor SEED = new Debtor("Norbert Nachzahlung", LocalDate.of(1968, 6, 6), null,
            new BigDecimal("120.00"), "NI-2025-000042", DEFAULT_GLAEUBIGER);

    static final DebtorFile LAYOUT = DebtorFile.of(FILE, List.of(Column.NAME, Column.DATE_OF_BIRTH, Column.PLZ,
            Column.AMOUNT, Column.KASSENZEICHEN, Column.GLAEUBIGER), DEFAULT_GLAEUBIGER, "NI");

    DebtorRegister(Path dir) {
        super(dir, LAYOUT, (name, birth, plz, amount, kassenzeichen, glaeubiger, due)
                -> new Debtor(name, birth, plz, amount, kassenzeichen, glaeubiger), List.of(SEED));
    }
}
