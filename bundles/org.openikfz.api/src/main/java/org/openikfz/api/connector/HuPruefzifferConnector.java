package org.openikfz.api.connector;

import java.time.LocalDate;
import java.time.YearMonth;
import org.openikfz.api.value.Fin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The KBA's Prüfziffer service (FZV § 22(3)–(4), Anlage 10): the algorithm is a KBA standard and not
 * public, so the portal sends what the applicant entered and compares the Prüfziffer the KBA side
 * computes with the one printed on the HU report.
 *
 * @since 1.1
 */
@ConsumerType
public interface HuPruefzifferConnector {

    /**
     * @param fin          the vehicle
     * @param lastHu       date of the last HU (or safety inspection)
     * @param nextHu       month and year the next one is due
     * @param organisation key of the testing organisation (Technische Prüfstelle, Überwachungsorganisation)
     * @return the Prüfziffer the KBA computes for these inputs
     */
    String pruefziffer(Fin fin, LocalDate lastHu, YearMonth nextHu, String organisation)
            throws ConnectorUnavailableException;
}
