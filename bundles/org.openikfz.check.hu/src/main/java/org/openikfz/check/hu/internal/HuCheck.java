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
import org.openikfz.api.text.Texts;
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

    /** The texts: OSGI-INF/l10n/hu.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(HuCheck.class, "OSGI-INF/l10n/hu");

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
            return CheckResult.failed("HU check could not be completed: " + e.getClass().getSimpleName(), TEXTS.get("huCheck.the-check-of-the-proof"));
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
            return CheckResult.failed("month of the next HU not readable", TEXTS.get("huCheck.the-month-entered-for-the"));
        }
        // FZV § 22 with § 29 StVZO: a vehicle whose HU is overdue is not registered before the HU is done
        if (next.isBefore(YearMonth.from(context.today()))) {
            return CheckResult.opposed(new Finding(SharedFields.HU_NAECHSTE, TEXTS.get("huCheck.the-periodic-technical-inspection-hu")));
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
            return CheckResult.failed("register data not available and no Prüfziffer given: next HU not verified", TEXTS.get("huCheck.the-vehicle-register-zfzr-gave"));
        }
        String field = context.dialog().field(SharedFields.HU_PRUEFZIFFER).isPresent()
                ? SharedFields.HU_PRUEFZIFFER : SharedFields.HU_NAECHSTE;
        return CheckResult.opposed(new Finding(field, TEXTS.get("huCheck.the-central-vehicle-register-has")));
    }

    private CheckResult byPruefziffer(CheckContext context, AnsweredFields answered, YearMonth next, String pruefziffer) {
        Optional<String> date = answered.value(SharedFields.HU_DATUM);
        Optional<String> organisation = answered.value(SharedFields.HU_STELLE).map(String::strip);
        List<Finding> missing = new ArrayList<>();
        if (date.isEmpty()) {
            missing.add(new Finding(SharedFields.HU_DATUM, TEXTS.get("huCheck.please-enter-the-date-of")));
        }
        if (organisation.isEmpty()) {
            missing.add(new Finding(SharedFields.HU_STELLE, TEXTS.get("huCheck.please-choose-the-testing-organisation")));
        }
        if (!missing.isEmpty()) {
            return new CheckResult.Opposed(missing);
        }
        LocalDate lastHu;
        try {
            lastHu = LocalDate.parse(date.get().strip());
        } catch (DateTimeParseException e) {
            return CheckResult.failed("date of the last HU not readable", TEXTS.get("huCheck.the-date-entered-for-the"));
        }
        Optional<String> finText = answered.first(FieldType.FIN).map(answered::value)
                .or(() -> context.fact(Facts.ZFZR_FIN));
        if (finText.isEmpty()) {
            return CheckResult.failed("FIN unknown: Prüfziffer cannot be verified", TEXTS.get("huCheck.the-vehicle-s-fin-is"));
        }
        Fin fin;
        try {
            fin = Fin.of(finText.get());
        } catch (ValueValidationException e) {
            return CheckResult.failed("FIN not valid for the Prüfziffer: " + e.key(), TEXTS.get("huCheck.the-vehicle-s-fin-has"));
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
        return CheckResult.opposed(new Finding(SharedFields.HU_PRUEFZIFFER, TEXTS.get("huCheck.the-check-number-pr-fziffer")));
    }

    /** For the clerks: the KBA's Prüfziffer service could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText pruefzifferNotReached() {
        return TEXTS.get("huCheck.the-kba-s-check-number");
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
