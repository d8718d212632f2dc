package org.openikfz.check.zfzr.internal;

import static org.openikfz.check.zfzr.internal.ZfzrTexts.TEXTS;

import org.openikfz.api.dialog.SharedFields;
import org.openikfz.api.check.FactKey;
import java.util.Set;
import java.util.Optional;
import org.openikfz.api.check.AnsweredFields;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.osgi.service.component.annotations.Component;

/**
 * FZV § 29 (2019: § 15k(5)): for a Wiederzulassung the applicant states that no Verwertungsnachweis
 * (certificate of destruction) was issued for the vehicle, and the statement is verified against the
 * register. The register data come from the ZFZR check, which the procedure names before this one
 * ({@link Facts#ZFZR_VERWERTUNGSNACHWEIS}); without them the statement cannot be verified and the
 * clerks decide (§ 19(1) S. 4).
 */
@Component
public final class KeinVerwertungsnachweisCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.KEIN_VERWERTUNGSNACHWEIS;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("Verwertungsnachweis check could not be completed: " + e.getClass().getSimpleName(),
                    TEXTS.get("keinVerwertungsnachweisCheck.the-check-whether-a-certificate"));
        }
    }

    private static CheckResult verify(CheckContext context) {
        Optional<String> statement = AnsweredFields.of(context).value(SharedFields.KEIN_VERWERTUNGSNACHWEIS);
        if (statement.isEmpty()) {
            return CheckResult.clear(); // not asked in this case
        }
        String field = SharedFields.KEIN_VERWERTUNGSNACHWEIS;
        switch (statement.get().strip()) {
            case "true" -> {
            }
            // § 29 (2019: § 15k(5)): after a Verwertungsnachweis the vehicle cannot be re-registered (online)
            case "false" -> {
                return CheckResult.opposed(new Finding(field, TEXTS.get("keinVerwertungsnachweisCheck.a-vehicle-for-which-a")));
            }
            default -> {
                return CheckResult.failed("statement on the Verwertungsnachweis is not yes/no", TEXTS.get("keinVerwertungsnachweisCheck.the-statement-that-no-certificate"));
            }
        }
        // verified against the register: the ZFZR check's data
        Optional<Boolean> recorded;
        try {
            recorded = context.fact(Facts.ZFZR_VERWERTUNGSNACHWEIS);
        } catch (IllegalArgumentException notAFlag) {
            return CheckResult.failed("register data on the Verwertungsnachweis not readable", TEXTS.get("keinVerwertungsnachweisCheck.the-vehicle-register-s-zfzr"));
        }
        if (recorded.isEmpty()) {
            return CheckResult.failed("register data not available (ZFZR check not clear): Verwertungsnachweis not verified",
                    TEXTS.get("keinVerwertungsnachweisCheck.without-data-from-the-vehicle"));
        }
        if (recorded.get()) {
            return CheckResult.opposed(new Finding(field, TEXTS.get("keinVerwertungsnachweisCheck.the-central-vehicle-register-records")));
        }
        return CheckResult.clear();
    }

    /** It compares the applicant's statement with the register (the ZFZR check's data). */
    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(Facts.ZFZR_VERWERTUNGSNACHWEIS);
    }
}
