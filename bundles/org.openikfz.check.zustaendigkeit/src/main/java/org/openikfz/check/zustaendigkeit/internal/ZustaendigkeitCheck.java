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
import org.openikfz.api.text.Texts;
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

    /** The texts: OSGI-INF/l10n/zustaendigkeit.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(ZustaendigkeitCheck.class, "OSGI-INF/l10n/zustaendigkeit");

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
            return CheckResult.failed("Zuständigkeit check could not be completed: " + e.getClass().getSimpleName(), TEXTS.get("zustaendigkeitCheck.the-check-of-competence-residence"));
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
                return CheckResult.failed("residence unknown: the applicant is not identified electronically", TEXTS.get("zustaendigkeitCheck.the-applicant-is-not-identified"));
            }
            residence = Optional.ofNullable(applicant.get().person().postalCode());
        } else {
            if (context.fact(Facts.ZFZR_HOLDER_NAME).isEmpty()) {
                return CheckResult.failed("residence unknown: no holder from the register (the ZFZR check must come first)",
                        TEXTS.get("zustaendigkeitCheck.the-vehicle-register-zfzr-gave"));
            }
            residence = context.fact(Facts.ZFZR_HOLDER_POSTAL_CODE);
        }
        String source = applicantIsHolder ? "the identification" : "the register";
        String postalCode = residence.map(String::strip).orElse("");
        if (postalCode.isEmpty()) {
            return CheckResult.failed("residence unknown: " + source + " provides no postal code", bySource(applicantIsHolder, "zustaendigkeitCheck.no-postal-code"));
        }
        if (!PostalArea.isPostalCode(postalCode)) {
            // e.g. a residence abroad: not decidable by machine
            return CheckResult.failed("residence not decidable: " + source + " provides no German postal code", bySource(applicantIsHolder, "zustaendigkeitCheck.no-german-postal-code"));
        }
        if (shared.contains(postalCode)) {
            return CheckResult.failed("residence not decidable: postal code shared with a neighbouring district", TEXTS.get("zustaendigkeitCheck.the-postal-code-of-the"));
        }
        // Anlage 11 Nr. 1: the residence lies in this authority's area
        if (area.contains(postalCode)) {
            return CheckResult.clear();
        }
        if (!applicantIsHolder) {
            return CheckResult.opposed(new Finding(null, TEXTS.get("zustaendigkeitCheck.according-to-the-central-vehicle")));
        }
        return CheckResult.opposed(new Finding(null, TEXTS.get("zustaendigkeitCheck.according-to-your-electronic-id")));
    }

    /** For the clerks: a text that names where the residence came from (identification or register). */
    private static LocalizedText bySource(boolean identification, String key) {
        return TEXTS.format(key, TEXTS.get(identification ? "zustaendigkeitCheck.source.identification" : "zustaendigkeitCheck.source.register"));
    }
}
