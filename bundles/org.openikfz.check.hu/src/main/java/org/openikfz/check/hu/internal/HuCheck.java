package org.openikfz.check.hu.internal;

import org.openikfz.api.dialog.SharedFields;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.check.AnsweredFields;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.HuPruefzifferConnector;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.ValueValidationException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * FZV § 22, Anlage 10 (2019: Anlage 8a): proof of the HU for a registration. The next HU the
 * applicant enters ({@link Registration#HU_NAECHSTE}) is proven by the register (the ZFZR check's fact
 * {@link Facts#ZFZR_NEXT_HU}) or by the Prüfziffer printed on the last HU report, which the KBA
 * computes from FIN, date of the HU, next HU and testing organisation — the algorithm is not public,
 * so the portal compares what the KBA side computes.
 */
@Component
public final class HuCheck implements Check {

    static final String PROOF_REGISTER = "register";
    static final String PROOF_PRUEFZIFFER = "pruefziffer";

    private volatile HuPruefzifferConnector kba;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setKba(HuPruefzifferConnector connector) {
        this.kba = connector;
    }

    void unsetKba(HuPruefzifferConnector connector) {
        if (this.kba == connector) {
            this.kba = null;
        }
    }

    @Override
    public CheckId id() {
        return CheckId.HU_NACHWEIS;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("HU check could not be completed: " + e.getClass().getSimpleName(), LocalizedText.of(
                    "Die Prüfung des Nachweises der Hauptuntersuchung (HU) wurde wegen eines technischen Fehlers abgebrochen; "
                            + "der Termin der nächsten HU ist nicht maschinell nachgewiesen.",
                    "The check of the proof of the periodic technical inspection (HU) was stopped by a technical error; "
                            + "the date of the next HU was not verified by machine."));
        }
    }

    private CheckResult verify(CheckContext context) {
        AnsweredFields answered = AnsweredFields.of(context);
        Optional<String> entered = answered.value(SharedFields.HU_NAECHSTE);
        if (entered.isEmpty()) {
            return CheckResult.clear(); // no HU proof in this case (e.g. Erstzulassung)
        }
        YearMonth next;
        try {
            next = YearMonth.parse(entered.get().strip());
        } catch (DateTimeParseException e) {
            return CheckResult.failed("month of the next HU not readable", LocalizedText.of(
                    "Der angegebene Monat der nächsten Hauptuntersuchung (HU) ist nicht lesbar; "
                            + "der Termin der nächsten HU ist nicht maschinell nachgewiesen.",
                    "The month entered for the next periodic technical inspection (HU) is not readable; "
                            + "the date of the next HU was not verified by machine."));
        }
        // FZV § 22 with § 29 StVZO: a vehicle whose HU is overdue is not registered before the HU is done
        if (next.isBefore(YearMonth.from(context.today()))) {
            return CheckResult.opposed(new Finding(SharedFields.HU_NAECHSTE, LocalizedText.of(
                    "Die Hauptuntersuchung (HU) Ihres Fahrzeugs ist überfällig. Bitte lassen Sie zuerst die HU durchführen "
                            + "und stellen Sie den Antrag danach. Wenn Sie sich beim Monat vertippt haben, korrigieren Sie ihn.",
                    "The periodic technical inspection (HU) of your vehicle is overdue. Please have the HU done first, "
                            + "then apply. If you mistyped the month, correct it.")));
        }
        // § 22(2): the next HU as the register knows it
        if (context.fact(Facts.ZFZR_NEXT_HU).filter(next::equals).isPresent()) {
            return proven(PROOF_REGISTER, next);
        }
        // § 22(3)-(4), Anlage 10: the Prüfziffer of the last HU report, computed by the KBA
        Optional<String> pruefziffer = answered.value(SharedFields.HU_PRUEFZIFFER).map(String::strip);
        if (pruefziffer.isPresent()) {
            return byPruefziffer(context, answered, next, pruefziffer.get());
        }
        if (context.fact(Facts.ZFZR_FIN).isEmpty() && context.fact(Facts.ZFZR_REGISTERED).isEmpty()) {
            // the register was not consulted (its check did not come out clear): we cannot say it has another date
            return CheckResult.failed("register data not available and no Prüfziffer given: next HU not verified", LocalizedText.of(
                    "Das Fahrzeugregister (ZFZR) hat keine Daten geliefert und es ist keine Prüfziffer angegeben; "
                            + "der Termin der nächsten Hauptuntersuchung (HU) ist nicht maschinell nachgewiesen.",
                    "The vehicle register (ZFZR) gave no data and no check number (Prüfziffer) was entered; "
                            + "the date of the next periodic technical inspection (HU) was not verified by machine."));
        }
        String field = context.dialog().field(SharedFields.HU_PRUEFZIFFER).isPresent()
                ? SharedFields.HU_PRUEFZIFFER : SharedFields.HU_NAECHSTE;
        return CheckResult.opposed(new Finding(field, LocalizedText.of(
                "Im Zentralen Fahrzeugregister ist kein oder ein anderer Termin für die nächste HU eingetragen. "
                        + "Bitte geben Sie die Prüfziffer, das Datum der HU und die Prüfstelle aus dem Bericht der letzten HU an.",
                "The central vehicle register has no or another date for the next HU. "
                        + "Please enter the check number (Prüfziffer), the date of the HU and the testing organisation from the last HU report.")));
    }

    private CheckResult byPruefziffer(CheckContext context, AnsweredFields answered, YearMonth next, String pruefziffer) {
        Optional<String> date = answered.value(SharedFields.HU_DATUM);
        Optional<String> organisation = answered.value(SharedFields.HU_STELLE).map(String::strip);
        List<Finding> missing = new ArrayList<>();
        if (date.isEmpty()) {
            missing.add(new Finding(SharedFields.HU_DATUM, LocalizedText.of(
                    "Bitte geben Sie das Datum der letzten HU an, wie es im HU-Bericht steht.",
                    "Please enter the date of the last HU as the HU report shows it.")));
        }
        if (organisation.isEmpty()) {
            missing.add(new Finding(SharedFields.HU_STELLE, LocalizedText.of(
                    "Bitte wählen Sie die Prüfstelle, die die letzte HU durchgeführt hat (sie steht auf dem HU-Bericht).",
                    "Please choose the testing organisation that did the last HU (it is named on the HU report).")));
        }
        if (!missing.isEmpty()) {
            return new CheckResult.Opposed(missing);
        }
        LocalDate lastHu;
        try {
            lastHu = LocalDate.parse(date.get().strip());
        } catch (DateTimeParseException e) {
            return CheckResult.failed("date of the last HU not readable", LocalizedText.of(
                    "Das angegebene Datum der letzten Hauptuntersuchung (HU) ist nicht lesbar; die Prüfziffer ist nicht geprüft.",
                    "The date entered for the last periodic technical inspection (HU) is not readable; "
                            + "the check number (Prüfziffer) was not verified."));
        }
        Optional<String> finText = answered.first(FieldType.FIN).map(answered::value)
                .or(() -> context.fact(Facts.ZFZR_FIN));
        if (finText.isEmpty()) {
            return CheckResult.failed("FIN unknown: Prüfziffer cannot be verified", LocalizedText.of(
                    "Die FIN des Fahrzeugs ist nicht bekannt; die Prüfziffer der Hauptuntersuchung (HU) ist nicht geprüft.",
                    "The vehicle's FIN is not known; the check number (Prüfziffer) of the periodic technical inspection (HU) "
                            + "was not verified."));
        }
        Fin fin;
        try {
            fin = Fin.of(finText.get());
        } catch (ValueValidationException e) {
            return CheckResult.failed("FIN not valid for the Prüfziffer: " + e.key(), LocalizedText.of(
                    "Die FIN des Fahrzeugs hat kein gültiges Format; die Prüfziffer der Hauptuntersuchung (HU) ist nicht geprüft.",
                    "The vehicle's FIN has no valid format; the check number (Prüfziffer) of the periodic technical inspection (HU) "
                            + "was not verified."));
        }
        HuPruefzifferConnector connector = kba;
        if (connector == null) {
            return CheckResult.failed("KBA Prüfziffer service not available (no connector)", pruefzifferNotReached());
        }
        String computed;
        try {
            computed = connector.pruefziffer(fin, lastHu, next, organisation.get());
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("KBA Prüfziffer service not reachable: " + e.getMessage(), pruefzifferNotReached());
        } catch (RuntimeException e) {
            return CheckResult.failed("KBA Prüfziffer connector error: " + e.getClass().getSimpleName(), pruefzifferNotReached());
        }
        if (computed == null || computed.isBlank()) {
            return CheckResult.failed("KBA Prüfziffer service gave no answer", pruefzifferNotReached());
        }
        if (computed.strip().equalsIgnoreCase(pruefziffer)) {
            return proven(PROOF_PRUEFZIFFER, next);
        }
        return CheckResult.opposed(new Finding(SharedFields.HU_PRUEFZIFFER, LocalizedText.of(
                "Die Prüfziffer passt nicht zu Ihren Angaben zur HU. Bitte vergleichen Sie Prüfziffer, Datum der HU, "
                        + "Monat der nächsten HU und Prüfstelle mit dem Bericht der letzten HU.",
                "The check number (Prüfziffer) does not match your HU details. Please compare the check number, the date of the HU, "
                        + "the month of the next HU and the testing organisation with the last HU report.")));
    }

    /** For the clerks: the KBA's Prüfziffer service could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText pruefzifferNotReached() {
        return LocalizedText.of(
                "Der Prüfziffer-Dienst des KBA war bei der Prüfung nicht erreichbar oder hat keine verwertbare Antwort gegeben; "
                        + "die Prüfziffer der Hauptuntersuchung (HU) ist nicht maschinell geprüft.",
                "The KBA's check number (Prüfziffer) service could not be reached during the check or gave no usable answer; "
                        + "the check number of the periodic technical inspection (HU) was not verified by machine.");
    }

    private static CheckResult proven(String how, YearMonth next) {
        return CheckResult.clear().with(Facts.HU_PROOF, how).with(Facts.HU_NEXT, next);
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(Facts.HU_PROOF, Facts.HU_NEXT);
    }

    /** § 22(2): the register's date of the next HU, and whether the register was consulted at all. */
    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(Facts.ZFZR_NEXT_HU, Facts.ZFZR_FIN, Facts.ZFZR_REGISTERED);
    }
}
