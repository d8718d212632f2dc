package org.openikfz.check.zfzr.internal;

import static org.openikfz.check.zfzr.internal.ZfzrTexts.TEXTS;

import org.openikfz.api.dialog.SharedFields;
import org.openikfz.api.check.FactKey;
import java.util.Set;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openikfz.api.check.AnsweredFields;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.VehicleRecord;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.connector.SealPosition;
import org.openikfz.api.connector.ZfzrConnector;
import org.openikfz.api.connector.ZfzrQuery;
import org.openikfz.api.connector.ZfzrVerification;
import org.openikfz.api.connector.ZfzrVerification.Part;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.ValueValidationException;
import org.openikfz.api.value.Zb1Code;
import org.openikfz.api.value.Zb2Code;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * FZV Anlage 11 Nr. 2: the entered plate, FIN and security codes are compared with the central
 * vehicle register, and the register data the procedures need are added to the application (facts).
 * The answers are found by the fields' types, so any procedure can name this check. A register that
 * cannot be reached makes the check fail (the clerks decide, § 19(1) S. 4) — it never passes silently.
 *
 * <p>Whether the vehicle must be registered (Außerbetriebsetzung) or off the road (Wiederzulassung) is
 * the procedure's condition: this check reports it as the fact {@link Facts#ZFZR_REGISTERED}.
 */
@Component
public final class ZfzrCheck implements Check {

    private volatile ZfzrConnector register;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegister(ZfzrConnector connector) {
        this.register = connector;
    }

    void unsetRegister(ZfzrConnector connector) {
        if (this.register == connector) {
            this.register = null;
        }
    }

    @Override
    public CheckId id() {
        return CheckId.ZFZR;
    }

    @Override
    public CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed("ZFZR check could not be completed: " + e.getClass().getSimpleName(), TEXTS.get("zfzrCheck.the-match-with-the-vehicle"));
        }
    }

    private CheckResult verify(CheckContext context) {
        ZfzrConnector connector = register;
        if (connector == null) {
            return CheckResult.failed("ZFZR not available (no connector)", registerNotReached());
        }
        AnsweredFields answered = AnsweredFields.of(context);
        // the vehicle's present plate; a chosen new plate (Wunschkennzeichen) is not in the register
        Optional<Field> plate = answered.first(FieldType.KENNZEICHEN, SharedFields.WUNSCHKENNZEICHEN);
        if (plate.isEmpty()) {
            return CheckResult.failed("procedure " + context.procedure() + " asks for no plate", TEXTS.get("zfzrCheck.the-application-contains-no-plate"));
        }
        Optional<Field> fin = answered.first(FieldType.FIN);
        Optional<Field> zb1 = answered.first(FieldType.ZB1_CODE);
        Optional<Field> zb2 = answered.first(FieldType.ZB2_CODE);
        // FZV § 21(3): a seal's code proves only its own plate unstamped, so every seal field names its plate (since SPI 2.0
        // there is no seal type without one)
        Map<SealPosition, Field> seals = new EnumMap<>(SealPosition.class);
        answered.first(FieldType.PLAKETTEN_CODE_FRONT).ifPresent(f -> seals.put(SealPosition.FRONT, f));
        answered.first(FieldType.PLAKETTEN_CODE_REAR).ifPresent(f -> seals.put(SealPosition.REAR, f));
        answered.first(FieldType.PLAKETTEN_CODE_SHARED_PART).ifPresent(f -> seals.put(SealPosition.SHARED_PART, f));
        ZfzrQuery query;
        try {
            query = new ZfzrQuery(Kennzeichen.of(answered.value(plate.get())),
                    fin.map(f -> Fin.of(answered.value(f))).orElse(null),
                    zb1.map(f -> Zb1Code.of(answered.value(f))).orElse(null),
                    zb2.map(f -> Zb2Code.of(answered.value(f))).orElse(null),
                    codes(seals, answered));
        } catch (ValueValidationException e) {
            return CheckResult.failed("answers not valid for the register query: " + e.key(), TEXTS.get("zfzrCheck.the-plate-number-the-fin"));
        }
        ZfzrVerification verification;
        try {
            verification = connector.verify(query);
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed("ZFZR not reachable: " + e.getMessage(), registerNotReached());
        } catch (RuntimeException e) {
            return CheckResult.failed("ZFZR connector error: " + e.getClass().getSimpleName(), registerNotReached());
        }
        if (verification == null) {
            return CheckResult.failed("ZFZR connector gave no answer", registerNotReached());
        }
        // No vehicle, or one whose plate, FIN or codes do not match: the same finding, on the plate, whatever the
        // reason. Telling them apart would let anyone learn which plates are registered, and which code of a
        // vehicle is right, by trying (the codes are the proof of possession, FZV § 20(3)/(4)).
        if (verification.vehicle() == null || verification.mismatches().stream().anyMatch(p -> p != Part.NOT_REGISTERED)) {
            return CheckResult.opposed(new Finding(plate.get().id(), NO_MATCH));
        }
        boolean registered = verification.vehicle().registered() && !verification.mismatches().contains(Part.NOT_REGISTERED);
        return facts(verification.vehicle(), registered, query.kennzeichen(), context.applicant());
    }

    static final LocalizedText NO_MATCH = TEXTS.get("zfzrCheck.your-details-do-not-match");

    /** For the clerks: the register could not be asked (not connected, not reachable, error or no answer). */
    private static LocalizedText registerNotReached() {
        return TEXTS.get("zfzrCheck.the-vehicle-register-zfzr-could");
    }

    private static Map<SealPosition, PlakettenCode> codes(Map<SealPosition, Field> seals, AnsweredFields answered) {
        Map<SealPosition, PlakettenCode> codes = new EnumMap<>(SealPosition.class);
        seals.forEach((position, field) -> codes.put(position, PlakettenCode.of(answered.value(field))));
        return codes;
    }

    /** FZV Anlage 11 Nr. 2: the register data (§§ 30/32 StVG data) are added to the application. */
    private static CheckResult.Clear facts(VehicleRecord vehicle, boolean registered, Kennzeichen asked,
            Optional<VerifiedIdentity> applicant) {
        CheckResult.Clear clear = CheckResult.clear().with(Facts.ZFZR_REGISTERED, registered);
        if (vehicle.deregisteredOn() != null) {
            clear = clear.with(Facts.ZFZR_DEREGISTERED_ON, vehicle.deregisteredOn());
        }
        clear = clear.with(Facts.ZFZR_VERWERTUNGSNACHWEIS, vehicle.verwertungsnachweis());
        if (vehicle.nextHu() != null) {
            clear = clear.with(Facts.ZFZR_NEXT_HU, vehicle.nextHu());
        }
        clear = clear.with(Facts.ZFZR_FIN, vehicle.fin().value());
        // the plate matched the register; a record without one keeps the plate asked for
        clear = clear.with(Facts.ZFZR_KENNZEICHEN, (vehicle.kennzeichen() != null ? vehicle.kennzeichen() : asked).formatted());
        if (vehicle.authority() != null && !vehicle.authority().isBlank()) {
            clear = clear.with(Facts.ZFZR_AUTHORITY, vehicle.authority());
        }
        Holder holder = vehicle.holder();
        clear = clear.with(Facts.ZFZR_HOLDER_NAME, holder.name());
        clear = withIfPresent(clear, Facts.ZFZR_HOLDER_STREET, holder.street());
        clear = withIfPresent(clear, Facts.ZFZR_HOLDER_POSTAL_CODE, holder.postalCode());
        clear = withIfPresent(clear, Facts.ZFZR_HOLDER_CITY, holder.city());
        if (holder.dateOfBirth() != null) {
            clear = clear.with(Facts.ZFZR_HOLDER_DATE_OF_BIRTH, holder.dateOfBirth());
        }
        if (applicant.isPresent()) {
            clear = clear.with(Facts.ZFZR_APPLICANT_IS_HOLDER, samePerson(applicant.get().person(), holder));
        }
        return clear;
    }

    /** The identified applicant is the registered holder: same name, and same date of birth where both are known. */
    static boolean samePerson(Holder applicant, Holder holder) {
        boolean name = applicant.name().strip().equalsIgnoreCase(holder.name().strip());
        boolean born = applicant.dateOfBirth() == null || holder.dateOfBirth() == null
                || applicant.dateOfBirth().equals(holder.dateOfBirth());
        return name && born;
    }

    private static CheckResult.Clear withIfPresent(CheckResult.Clear clear, FactKey<String> key, String value) {
        return value != null && !value.isBlank() ? clear.with(key, value) : clear;
    }

    @Override
    public Set<FactKey<?>> produces() {
        return Set.of(Facts.ZFZR_REGISTERED, Facts.ZFZR_DEREGISTERED_ON, Facts.ZFZR_VERWERTUNGSNACHWEIS, Facts.ZFZR_NEXT_HU,
                Facts.ZFZR_FIN, Facts.ZFZR_KENNZEICHEN, Facts.ZFZR_AUTHORITY, Facts.ZFZR_HOLDER_NAME, Facts.ZFZR_HOLDER_STREET,
                Facts.ZFZR_HOLDER_POSTAL_CODE, Facts.ZFZR_HOLDER_CITY, Facts.ZFZR_HOLDER_DATE_OF_BIRTH,
                Facts.ZFZR_APPLICANT_IS_HOLDER);
    }
}
