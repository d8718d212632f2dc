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
            return CheckResult.failed("plate allocation could not be completed: " + e.getClass().getSimpleName(), LocalizedText.of(
                    "Die Kennzeichenzuteilung wurde wegen eines technischen Fehlers abgebrochen; "
                            + "dem Antrag ist kein Kennzeichen zugeteilt.",
                    "The plate allocation was stopped by a technical error; no plate has been assigned to the application."));
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
                        ? CheckResult.failed("plate to keep unknown: the procedure asked for no present plate", LocalizedText.of(
                                "Das bisherige Kennzeichen soll behalten werden, der Antrag enthält es aber nicht; "
                                        + "dem Antrag ist kein Kennzeichen zugeteilt.",
                                "The present plate is to be kept, but the application does not contain it; "
                                        + "no plate has been assigned to the application."))
                        : assigned(Kennzeichen.of(present.get()));
                case SharedFields.WAHL_RESERVIERT -> present.isEmpty()
                        ? CheckResult.failed("reserved plate unknown: the procedure asked for no present plate", LocalizedText.of(
                                "Das bei der Außerbetriebsetzung reservierte Kennzeichen soll wieder zugeteilt werden, "
                                        + "der Antrag enthält es aber nicht; dem Antrag ist kein Kennzeichen zugeteilt.",
                                "The plate reserved at deregistration is to be assigned again, but the application "
                                        + "does not contain it; no plate has been assigned to the application."))
                        : reserveAgain(context, answered, Kennzeichen.of(present.get()));
                case SharedFields.WAHL_WUNSCH -> wish(context, answered, suffix(answered));
                case SharedFields.WAHL_ZUTEILEN -> assign(context, answered, suffix(answered));
                default -> CheckResult.failed("plate choice not known", LocalizedText.of(
                        "Die Auswahl zum Kennzeichen (behalten, reserviertes Kennzeichen, Wunschkennzeichen oder Zuteilung) "
                                + "ist nicht bekannt; dem Antrag ist kein Kennzeichen zugeteilt.",
                        "The plate choice (keep, reserved plate, chosen plate or allocation) is not known; "
                                + "no plate has been assigned to the application."));
            };
        } catch (ValueValidationException e) {
            return CheckResult.failed("plate answer not valid: " + e.key(), LocalizedText.of(
                    "Ein angegebenes Kennzeichen ist nicht gültig; dem Antrag ist kein Kennzeichen zugeteilt.",
                    "A plate number entered is not valid; no plate has been assigned to the application."));
        }
    }

    /** The plate reserved at the Außerbetriebsetzung (FZV § 14(1) S. 4 in the 2019 text), reserved again for this application. */
    private CheckResult reserveAgain(CheckContext context, AnsweredFields answered, Kennzeichen plate) {
        return reserve(context, answered, plate, new Finding(SharedFields.KENNZEICHEN_WAHL, LocalizedText.of(
                "Das bei der Abmeldung reservierte Kennzeichen ist nicht mehr für Sie reserviert: Die Reservierung ist abgelaufen "
                        + "oder das Kennzeichen ist vergeben. Bitte wählen Sie ein anderes Kennzeichen.",
                "The plate reserved at deregistration is no longer reserved for you: the reservation has lapsed or the plate "
                        + "has been given out. Please choose another plate.")));
    }

    /** A chosen plate (Wunschkennzeichen), reserved for this application. */
    private CheckResult wish(CheckContext context, AnsweredFields answered, Suffix suffix) {
        Optional<String> text = answered.value(SharedFields.WUNSCHKENNZEICHEN);
        if (text.isEmpty()) {
            return CheckResult.failed("chosen plate not answered", LocalizedText.of(
                    "Ein Wunschkennzeichen wurde gewählt, aber nicht angegeben; es ist kein Kennzeichen reserviert.",
                    "A chosen plate (Wunschkennzeichen) was selected but not entered; no plate has been reserved."));
        }
        Kennzeichen wish = Kennzeichen.of(text.get());
        if (wish.suffix() != suffix) {
            return CheckResult.opposed(new Finding(SharedFields.WUNSCHKENNZEICHEN, suffixMismatch(suffix, wish.suffix())));
        }
        return reserve(context, answered, wish, new Finding(SharedFields.WUNSCHKENNZEICHEN, LocalizedText.of(
                "Ihr Wunschkennzeichen ist nicht frei oder passt nicht zu den Unterscheidungszeichen dieser Zulassungsbehörde. "
                        + "Bitte wählen Sie ein anderes Wunschkennzeichen.",
                "Your chosen plate is not free or does not fit the district codes of this registration authority. "
                        + "Please choose another plate.")));
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
            return CheckResult.failed("plate allocation gave a plate without the suffix the kind of plate needs", LocalizedText.of(
                    "Die Kennzeichenzuteilung hat ein Kennzeichen geliefert, das nicht zur gewählten Art passt "
                            + "(E-Kennzeichen, H-Kennzeichen oder ohne Zusatz); dem Antrag ist kein Kennzeichen zugeteilt.",
                    "The plate allocation returned a plate that does not fit the kind chosen "
                            + "(E plate, H plate or neither); no plate has been assigned to the application."));
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
        return LocalizedText.of(
                "Die Kennzeichenzuteilung der Zulassungsbehörde war bei der Prüfung nicht erreichbar oder hat keine verwertbare "
                        + "Antwort gegeben; es ist kein Kennzeichen reserviert oder zugeteilt.",
                "The authority's plate allocation could not be reached during the check or gave no usable answer; "
                        + "no plate has been reserved or assigned.");
    }

    private static LocalizedText suffixMismatch(Suffix needed, Suffix given) {
        return switch (needed) {
            case E -> LocalizedText.of(
                    "Ein E-Kennzeichen endet auf „E“. Bitte geben Sie Ihr Wunschkennzeichen mit dem E am Ende ein, zum Beispiel ERZ-AB 123E.",
                    "An E plate ends in \"E\". Please enter your chosen plate with the E at the end, e.g. ERZ-AB 123E.");
            case H -> LocalizedText.of(
                    "Ein H-Kennzeichen endet auf „H“. Bitte geben Sie Ihr Wunschkennzeichen mit dem H am Ende ein, zum Beispiel ERZ-AB 123H.",
                    "An H plate ends in \"H\". Please enter your chosen plate with the H at the end, e.g. ERZ-AB 123H.");
            case NONE -> LocalizedText.of(
                    "Ihr Wunschkennzeichen endet auf „" + given.letter() + "“, Sie haben aber kein "
                            + (given == Suffix.E ? "E-Kennzeichen" : "H-Kennzeichen") + " gewählt. "
                            + "Bitte lassen Sie den Buchstaben am Ende weg oder wählen Sie die passende Art des Kennzeichens.",
                    "Your chosen plate ends in \"" + given.letter() + "\", but you did not choose an "
                            + (given == Suffix.E ? "E plate" : "H plate") + ". "
                            + "Please leave out the letter at the end or choose the matching kind of plate.");
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
