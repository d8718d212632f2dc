package org.openikfz.check.zfzr.internal;

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
import org.openikfz.api.text.LocalizedText;
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
                    LocalizedText.of(
                            "Die Prüfung, ob ein Verwertungsnachweis ausgestellt wurde, wurde wegen eines technischen Fehlers "
                                    + "abgebrochen; die Erklärung ist nicht mit dem Fahrzeugregister (ZFZR) abgeglichen.",
                            "The check whether a certificate of destruction (Verwertungsnachweis) was issued was stopped by a "
                                    + "technical error; the statement was not matched with the vehicle register (ZFZR)."));
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
                return CheckResult.opposed(new Finding(field, LocalizedText.of(
                        "Für ein Fahrzeug, für das ein Verwertungsnachweis ausgestellt wurde, ist eine Wiederzulassung online nicht möglich. "
                                + "Ein verwertetes Fahrzeug darf nur mit einer neuen Betriebserlaubnis wieder zugelassen werden. Bitte wenden Sie sich an Ihre Zulassungsbehörde. "
                                + "Wenn Sie sich verklickt haben, ändern Sie die Antwort.",
                        "A vehicle for which a certificate of destruction was issued cannot be re-registered online. "
                                + "A scrapped vehicle can only be registered again with a new type approval. Please contact your registration authority. "
                                + "If you chose this by mistake, change the answer.")));
            }
            default -> {
                return CheckResult.failed("statement on the Verwertungsnachweis is not yes/no", LocalizedText.of(
                        "Die Erklärung, dass kein Verwertungsnachweis ausgestellt wurde, ist weder „ja“ noch „nein“; "
                                + "sie ist nicht mit dem Fahrzeugregister (ZFZR) abgeglichen.",
                        "The statement that no certificate of destruction (Verwertungsnachweis) was issued is neither "
                                + "\"yes\" nor \"no\"; it was not matched with the vehicle register (ZFZR)."));
            }
        }
        // verified against the register: the ZFZR check's data
        Optional<Boolean> recorded;
        try {
            recorded = context.fact(Facts.ZFZR_VERWERTUNGSNACHWEIS);
        } catch (IllegalArgumentException notAFlag) {
            return CheckResult.failed("register data on the Verwertungsnachweis not readable", LocalizedText.of(
                    "Die Angabe des Fahrzeugregisters (ZFZR) zum Verwertungsnachweis ist nicht lesbar; "
                            + "ob ein Verwertungsnachweis eingetragen ist, ist nicht maschinell geprüft.",
                    "The vehicle register's (ZFZR) entry on the certificate of destruction (Verwertungsnachweis) is not readable; "
                            + "whether one is recorded was not checked by machine."));
        }
        if (recorded.isEmpty()) {
            return CheckResult.failed("register data not available (ZFZR check not clear): Verwertungsnachweis not verified",
                    LocalizedText.of(
                            "Ohne Daten aus dem Fahrzeugregister (ZFZR) ist nicht maschinell geprüft, "
                                    + "ob für das Fahrzeug ein Verwertungsnachweis eingetragen ist.",
                            "Without data from the vehicle register (ZFZR), it was not checked by machine whether a "
                                    + "certificate of destruction (Verwertungsnachweis) is recorded for the vehicle."));
        }
        if (recorded.get()) {
            return CheckResult.opposed(new Finding(field, LocalizedText.of(
                    "Im Zentralen Fahrzeugregister ist für dieses Fahrzeug ein Verwertungsnachweis eingetragen. "
                            + "Eine Wiederzulassung ist deshalb online nicht möglich. Bitte wenden Sie sich an Ihre Zulassungsbehörde.",
                    "The central vehicle register records a certificate of destruction for this vehicle. "
                            + "It therefore cannot be re-registered online. Please contact your registration authority.")));
        }
        return CheckResult.clear();
    }

    /** It compares the applicant's statement with the register (the ZFZR check's data). */
    @Override
    public Set<FactKey<?>> needs() {
        return Set.of(Facts.ZFZR_VERWERTUNGSNACHWEIS);
    }
}
