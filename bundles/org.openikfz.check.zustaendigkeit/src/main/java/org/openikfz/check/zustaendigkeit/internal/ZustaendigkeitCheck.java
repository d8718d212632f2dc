package org.openikfz.check.zustaendigkeit.internal;

import java.util.Optional;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.text.LocalizedText;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * FZV Anlage 11 Nr. 1 (2019: Anlage 8b): the holder's residence lies in the area of this
 * Zulassungsbehörde. The residence comes from the electronic identification where the holder applies
 * (FZV § 20(1)–(3): data the ID method provides are taken from it, not typed), and from the register
 * where anyone with the codes may apply (Außerbetriebsetzung); the area is configured as postal codes
 * ({@link ZustaendigkeitConfig}). An invalid configuration keeps the component from activating, so
 * the engine answers "check not available" (failed) instead of judging with a wrong area.
 */
// immediate: an area not configured stops the start at once, not at the first application
@Component(configurationPid = ZustaendigkeitConfig.PID, immediate = true)
@Designate(ocd = ZustaendigkeitConfig.class)
public final class ZustaendigkeitCheck implements Check {

    private final PostalArea area;
    private final PostalArea shared;

    @Activate
    public ZustaendigkeitCheck(ZustaendigkeitConfig config) {
        this(config.postalCodes(), config.sharedPostalCodes());
    }

    ZustaendigkeitCheck(String postalCodes, String sharedPostalCodes) {
        this.area = PostalArea.parse("postalCodes", postalCodes);
        if (area.isEmpty()) {
            throw new IllegalArgumentException("postalCodes: no postal code configured for this authority's area (etc/" + ZustaendigkeitConfig.PID + ".cfg)");
        }
        this.shared = PostalArea.parse("sharedPostalCodes", sharedPostalCodes);
    }

    @Override
    public CheckId id() {
        return CheckId.ZUSTAENDIGKEIT;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("Zuständigkeit check could not be completed: " + e.getClass().getSimpleName(), LocalizedText.of(
                    "Die Prüfung der Zuständigkeit (Wohnsitz im Bezirk) wurde wegen eines technischen Fehlers abgebrochen; "
                            + "die Zuständigkeit ist nicht maschinell geprüft.",
                    "The check of competence (residence in the district) was stopped by a technical error; "
                            + "competence was not checked by machine."));
        }
    }

    private CheckResult verify(CheckContext context) {
        // the competent authority is the one of the holder's residence (2019: § 14(1) S. 1 with § 46(2) FZV; memo on
        // § 15g: "Der Antrag ist im Portal der jeweils zuständigen Zulassungsbehörde zu stellen. Die Antragstellung bei
        // einer anderen Zulassungsbehörde ... ist nicht vorgesehen."). Where the holder must identify (registrations,
        // FZV § 20(1)) the identified applicant is the holder; where anyone holding the codes may apply
        // (Außerbetriebsetzung, FZV § 24), the holder and their address come from the register (ZFZR check's facts).
        boolean applicantIsHolder = context.identificationRequired();
        Optional<String> residence;
        if (applicantIsHolder) {
            Optional<VerifiedIdentity> applicant = context.applicant();
            if (applicant.isEmpty()) {
                return CheckResult.failed("residence unknown: the applicant is not identified electronically", LocalizedText.of(
                        "Die antragstellende Person ist nicht elektronisch identifiziert (Online-Ausweis); "
                                + "ihr Wohnsitz und damit die Zuständigkeit sind nicht maschinell geprüft.",
                        "The applicant is not identified electronically (online ID); "
                                + "their residence, and so competence, was not checked by machine."));
            }
            residence = Optional.ofNullable(applicant.get().person().postalCode());
        } else {
            if (context.fact(Facts.ZFZR_HOLDER_NAME).isEmpty()) {
                return CheckResult.failed("residence unknown: no holder from the register (the ZFZR check must come first)",
                        LocalizedText.of(
                                "Das Fahrzeugregister (ZFZR) hat keine Halterdaten geliefert; ob der Wohnsitz der Halterin "
                                        + "oder des Halters im Bezirk liegt, ist nicht maschinell geprüft.",
                                "The vehicle register (ZFZR) gave no holder data; whether the holder's residence "
                                        + "is in the district was not checked by machine."));
            }
            residence = context.fact(Facts.ZFZR_HOLDER_POSTAL_CODE);
        }
        String source = applicantIsHolder ? "the identification" : "the register";
        String postalCode = residence.map(String::strip).orElse("");
        if (postalCode.isEmpty()) {
            return CheckResult.failed("residence unknown: " + source + " provides no postal code", bySource(applicantIsHolder,
                    " enthält keine Postleitzahl; ob der Wohnsitz im Bezirk liegt, ist nicht maschinell geprüft.",
                    " gives no postal code; whether the residence is in the district was not checked by machine."));
        }
        if (!PostalArea.isPostalCode(postalCode)) {
            // e.g. a residence abroad: not decidable by machine
            return CheckResult.failed("residence not decidable: " + source + " provides no German postal code", bySource(applicantIsHolder,
                    " enthält keine deutsche Postleitzahl (etwa bei einem Wohnsitz im Ausland); "
                            + "die Zuständigkeit ist nicht maschinell geprüft.",
                    " gives no German postal code (e.g. a residence abroad); competence was not checked by machine."));
        }
        if (shared.contains(postalCode)) {
            return CheckResult.failed("residence not decidable: postal code shared with a neighbouring district", LocalizedText.of(
                    "Die Postleitzahl des Wohnsitzes gilt auch für einen Nachbarbezirk; "
                            + "ob der Wohnsitz im Bezirk liegt, ist anhand der Anschrift zu prüfen.",
                    "The postal code of the residence is shared with a neighbouring district; "
                            + "whether the residence is in the district must be checked from the address."));
        }
        // Anlage 11 Nr. 1: the residence lies in this authority's area
        if (area.contains(postalCode)) {
            return CheckResult.clear();
        }
        if (!applicantIsHolder) {
            return CheckResult.opposed(new Finding(null, LocalizedText.of(
                    "Die Halterin oder der Halter dieses Fahrzeugs wohnt nach dem Zentralen Fahrzeugregister nicht im Bereich dieser "
                            + "Zulassungsbehörde. Bitte melden Sie das Fahrzeug im Portal der Zulassungsbehörde ab, die für den Wohnsitz "
                            + "der Halterin oder des Halters zuständig ist.",
                    "According to the central vehicle register, the holder of this vehicle does not live in the area of this "
                            + "registration authority. Please deregister the vehicle on the portal of the registration authority "
                            + "responsible for the holder's residence.")));
        }
        return CheckResult.opposed(new Finding(null, LocalizedText.of(
                "Ihr Wohnsitz liegt nach den Daten Ihres elektronischen Ausweises nicht im Bereich dieser Zulassungsbehörde. "
                        + "Bitte stellen Sie den Antrag bei der Zulassungsbehörde, die für Ihren Wohnsitz zuständig ist. "
                        + "Bei einem Umzug geben Sie zuerst Ihre neue Anschrift bei der Meldebehörde an.",
                "According to your electronic ID, your residence is not in the area of this registration authority. "
                        + "Please apply to the registration authority responsible for your residence. "
                        + "If you have moved, first register your new address with the registration office.")));
    }

    /** For the clerks: a text that names where the residence came from (identification or register). */
    private static LocalizedText bySource(boolean identification, String german, String english) {
        return LocalizedText.of(
                (identification ? "Die elektronische Identifizierung (Online-Ausweis)" : "Das Fahrzeugregister (ZFZR)") + german,
                (identification ? "The electronic identification (online ID)" : "The vehicle register (ZFZR)") + english);
    }
}
