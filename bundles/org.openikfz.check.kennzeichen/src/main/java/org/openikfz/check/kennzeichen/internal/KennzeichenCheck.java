package org.openikfz.check.kennzeichen.internal;

import org.openikfz.api.dialog.SharedFields;
import org.openikfz.api.check.FactKey;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openikfz.api.check.AnsweredFields;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.KennzeichenConnector;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.text.Texts;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.Kennzeichen.Suffix;
import org.openikfz.api.value.ValueValidationException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The plate for a registration (not an Anlage 11 step): by the applicant's choice
 * {@link Registration#KENNZEICHEN_WAHL} the present plate is kept (Umschreibung), the plate reserved
 * at the Außerbetriebsetzung is reserved again (Wiederzulassung), a chosen plate
 * (Wunschkennzeichen) is reserved, or the authority's plate allocation assigns a free one. The plate
 * is added to the application as {@link Facts#KENNZEICHEN_ZUGETEILT}. Reservations are idempotent per
 * application, so a repeated verification (after a correction) gets the same plate.
 */
@Component
public final class KennzeichenCheck implements Check {

    /** The texts: OSGI-INF/l10n/kennzeichen.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(KennzeichenCheck.class, "OSGI-INF/l10n/kennzeichen");

    private volatile KennzeichenConnector allocation;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAllocation(KennzeichenConnector connector) {
        this.allocation = connector;
    }

    void unsetAllocation(KennzeichenConnector connector) {
        if (this.allocation == connector) {
            this.allocation = null;
        }
    }

    @Override
    public CheckId id() {
        return CheckId.KENNZEICHEN_ZUTEILUNG;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return allocate(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("plate allocation could not be completed: " + e.getClass().getSimpleName(), TEXTS.get("kennzeichenCheck.the-plate-allocation-was-stopped"));
        }
    }

    private CheckResult allocate(CheckContext context) {
        AnsweredFields answered = AnsweredFields.of(context);
        Optional<String> choice = answered.value(SharedFields.KENNZEICHEN_WAHL).map(String::strip);
        if (choice.isEmpty()) {
            return CheckResult.clear(); // no plate chosen in this case
        }
        // the vehicle's present plate: the first plate answer that is not the chosen new one
        Optional<String> present = answered.first(FieldType.KENNZEICHEN, SharedFields.WUNSCHKENNZEICHEN).map(answered::value);
        try {
            return switch (choice.get()) {
                case SharedFields.WAHL_BEHALTEN -> present.isEmpty()
                        ? CheckResult.failed("plate to keep unknown: the procedure asked for no present plate", TEXTS.get("kennzeichenCheck.the-present-plate-is-to"))
                        : assigned(Kennzeichen.of(present.get()));
                case SharedFields.WAHL_RESERVIERT -> present.isEmpty()
                        ? CheckResult.failed("reserved plate unknown: the procedure asked for no present plate", TEXTS.get("kennzeichenCheck.the-plate-reserved-at-deregistration"))
                        : reserveAgain(context, answered, Kennzeichen.of(present.get()));
                case SharedFields.WAHL_WUNSCH -> wish(context, answered, suffix(answered));
                case SharedFields.WAHL_ZUTEILEN -> assign(context, answered, suffix(answered));
                default -> CheckResult.failed("plate choice not known", TEXTS.get("kennzeichenCheck.the-plate-choice-keep-reserved"));
            };
        } catch (ValueValidationException e) {
            return CheckResult.failed("plate answer not valid: " + e.key(), TEXTS.get("kennzeichenCheck.a-plate-number-entered-is"));
        }
    }

    /** The plate reserved at the Außerbetriebsetzung (FZV § 14(1) S. 4 in the 2019 text), reserved again for this application. */
    private CheckResult reserveAgain(CheckContext context, AnsweredFields answered, Kennzeichen plate) {
        return reserve(context, answered, plate, new Finding(SharedFields.KENNZEICHEN_WAHL, TEXTS.get("kennzeichenCheck.the-plate-reserved-at-deregistration-2")));
    }

    /** A chosen plate (Wunschkennzeichen), reserved for this application. */
    private CheckResult wish(CheckContext context, AnsweredFields answered, Suffix suffix) {
        Optional<String> text = answered.value(SharedFields.WUNSCHKENNZEICHEN);
        if (text.isEmpty()) {
            return CheckResult.failed("chosen plate not answered", TEXTS.get("kennzeichenCheck.a-chosen-plate-wunschkennzeichen-was"));
        }
        Kennzeichen wish = Kennzeichen.of(text.get());
        if (wish.suffix() != suffix) {
            return CheckResult.opposed(new Finding(SharedFields.WUNSCHKENNZEICHEN, suffixMismatch(suffix, wish.suffix())));
        }
        return reserve(context, answered, wish, new Finding(SharedFields.WUNSCHKENNZEICHEN, TEXTS.get("kennzeichenCheck.your-chosen-plate-is-not")));
    }

    /** Reserves {@code plate} for the application; {@code whenTaken} tells the applicant when it cannot be had. */
    private CheckResult reserve(CheckContext context, AnsweredFields answered, Kennzeichen plate, Finding whenTaken) {
        KennzeichenConnector connector = allocation;
        if (connector == null) {
            return CheckResult.failed("plate allocation not available (no connector)", allocationNotReached());
        }
        Optional<Kennzeichen> reserved;
        try {
            reserved = connector.reserve(context.authority(), plate, application(context, answered));
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("plate allocation not reachable: " + e.getMessage(), allocationNotReached());
        } catch (RuntimeException e) {
            return CheckResult.failed("plate allocation connector error: " + e.getClass().getSimpleName(), allocationNotReached());
        }
        if (reserved == null) {
            return CheckResult.failed("plate allocation gave no answer", allocationNotReached());
        }
        return reserved.isEmpty() ? CheckResult.opposed(whenTaken) : assigned(reserved.get());
    }

    /** A free plate assigned by the authority's plate allocation, with E or H where the kind needs it. */
    private CheckResult assign(CheckContext context, AnsweredFields answered, Suffix suffix) {
        KennzeichenConnector connector = allocation;
        if (connector == null) {
            return CheckResult.failed("plate allocation not available (no connector)", allocationNotReached());
        }
        Kennzeichen plate;
        try {
            plate = connector.assign(context.authority(), suffix.letter(), application(context, answered));
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("plate allocation not reachable: " + e.getMessage(), allocationNotReached());
        } catch (RuntimeException e) {
            return CheckResult.failed("plate allocation connector error: " + e.getClass().getSimpleName(), allocationNotReached());
        }
        if (plate == null) {
            return CheckResult.failed("plate allocation gave no plate", allocationNotReached());
        }
        if (plate.suffix() != suffix) {
            return CheckResult.failed("plate allocation gave a plate without the suffix the kind of plate needs", TEXTS.get("kennzeichenCheck.the-plate-allocation-returned-a"));
        }
        return assigned(plate);
    }

    /** The suffix the kind of plate needs: E for an electric vehicle, H for a historic one (FZV § 9). */
    private static Suffix suffix(AnsweredFields answered) {
        return switch (answered.value(SharedFields.KENNZEICHEN_ART).map(String::strip).orElse(SharedFields.ART_ALLGEMEIN)) {
            case SharedFields.ART_ELEKTRO -> Suffix.E;
            case SharedFields.ART_HISTORISCH -> Suffix.H;
            default -> Suffix.NONE;
        };
    }

    /** For the clerks: the plate allocation could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText allocationNotReached() {
        return TEXTS.get("kennzeichenCheck.the-authority-s-plate-allocation");
    }

    private static LocalizedText suffixMismatch(Suffix needed, Suffix given) {
        return switch (needed) {
            case E -> TEXTS.get("kennzeichenCheck.an-e-plate-ends-in");
            case H -> TEXTS.get("kennzeichenCheck.an-h-plate-ends-in");
            case NONE -> TEXTS.format("kennzeichenCheck.suffix-without-its-kind", LocalizedText.german(String.valueOf(given.letter())),
                    TEXTS.get(given == Suffix.E ? "kennzeichenCheck.kind.e" : "kennzeichenCheck.kind.h"));
        };
    }

    private static CheckResult assigned(Kennzeichen plate) {
        return CheckResult.clear().with(Facts.KENNZEICHEN_ZUGETEILT, plate.formatted());
    }

    /**
     * The application the reservation is for. Should the engine not name it, a stable id derived from the
     * authority and the vehicle (present plate or FIN) keeps repeated verifications idempotent.
     */
    private static UUID application(CheckContext context, AnsweredFields answered) {
        UUID application = context.application();
        if (application != null) {
            return application;
        }
        String vehicle = answered.first(FieldType.KENNZEICHEN, SharedFields.WUNSCHKENNZEICHEN).map(answered::value)
                .or(() -> answered.first(FieldType.FIN).map(answered::value))
                .or(() -> context.fact(Facts.ZFZR_FIN))
                .orElse("");
        String key = context.authority() + "|" + vehicle.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(Facts.KENNZEICHEN_ZUGETEILT);
    }
}
