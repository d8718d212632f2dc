package org.openikfz.check.zustaendigkeit.internal;

import java.util.Optional;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.text.LocalizedText;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * FZV Anlage 11 Nr. 1 (2019: Anlage 8b): the holder's residence lies in the area of this
 * Zulassungsbehörde. The residence comes from the electronic identification (FZV § 20(1)–(3): data
 * the ID method provides are taken from it, not typed); the area is configured as postal codes
 * ({@link ZustaendigkeitConfig}). An invalid configuration keeps the component from activating, so
 * the engine answers "check not available" (failed) instead of judging with a wrong area.
 */
@Component(configurationPid = ZustaendigkeitConfig.PID)
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
            throw new IllegalArgumentException("postalCodes: no postal code configured for this authority's area");
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
            return CheckResult.failed("Zuständigkeit check could not be completed: " + e.getClass().getSimpleName());
        }
    }

    private CheckResult verify(CheckContext context) {
        Optional<VerifiedIdentity> applicant = context.applicant();
        if (applicant.isEmpty()) {
            return CheckResult.failed("residence unknown: the applicant is not identified electronically");
        }
        String postalCode = applicant.get().person().postalCode();
        if (postalCode == null || postalCode.isBlank()) {
            return CheckResult.failed("residence unknown: the identification provides no postal code");
        }
        postalCode = postalCode.strip();
        if (!PostalArea.isPostalCode(postalCode)) {
            // e.g. a residence abroad: not decidable by machine
            return CheckResult.failed("residence not decidable: the identification provides no German postal code");
        }
        if (shared.contains(postalCode)) {
            return CheckResult.failed("residence not decidable: postal code shared with a neighbouring district");
        }
        // Anlage 11 Nr. 1: the residence lies in this authority's area
        if (area.contains(postalCode)) {
            return CheckResult.clear();
        }
        return CheckResult.opposed(new Finding(null, LocalizedText.of(
                "Ihr Wohnsitz liegt nach den Daten Ihres elektronischen Ausweises nicht im Bereich dieser Zulassungsbehörde. "
                        + "Bitte stellen Sie den Antrag bei der Zulassungsbehörde, die für Ihren Wohnsitz zuständig ist. "
                        + "Bei einem Umzug geben Sie zuerst Ihre neue Anschrift bei der Meldebehörde an.",
                "According to your electronic ID, your residence is not in the area of this registration authority. "
                        + "Please apply to the registration authority responsible for your residence. "
                        + "If you have moved, first register your new address with the registration office.")));
    }
}
