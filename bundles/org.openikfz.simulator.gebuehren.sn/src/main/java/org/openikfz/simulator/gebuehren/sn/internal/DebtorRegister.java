package org.openikfz.simulator.gebuehren.sn.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.openikfz.simulator.support.DebtorFile;

/**
 * The simulated Land's unpaid fees, kept in {@code gebuehren-sn-debtors.tsv} (one debtor a line: name,
 * date of birth, amount, Kassenzeichen, creditor, due since; tab-separated, {@code #} starts a
 * comment; a line that is no debtor is skipped). A new file starts with the one fictitious seed debtor;
 * operators may edit it while the simulator is stopped or add debtors over the admin API.
 */
final class DebtorRegister extends org.openikfz.simulator.support.DebtorRegister<Debtor> {

    static final String FILE = "gebuehren-sn-debtors.tsv";
    static final String DEFAULT_GLAEUBIGER = "Landratsamt Erzgebirgskreis, Kreiskasse";

    /** Nobody owes fees except this clearly fictitious person. */
    static final List<Debtor> SEED = List.of(new Debtor("Gustav Gebührenschuld", LocalDate.of(1975, 5, 5),
            new BigDecimal("87.40"), "SN-2024-000815", DEFAULT_GLAEUBIGER, LocalDate.of(2024, 3, 15)));

    /** Creditor and due date may be missing (then: the Kreiskasse, and the day the file is read). */
    static final DebtorFile LAYOUT = DebtorFile.of(FILE, DebtorFile.WITH_FAELLIG_SEIT, DEFAULT_GLAEUBIGER, "SN")
            .withTitle("Open i-Kfz simulator, Land Sachsen: unpaid registration fees")
            .withRequiredColumns(4, null)
            .withLenientReading();

    DebtorRegister(Path dir) {
        super(dir, LAYOUT, (name, birth, plz, amount, kassenzeichen, glaeubiger, due)
                -> new Debtor(name, birth, amount, kassenzeichen, glaeubiger, due), SEED);
    }
}
