package org.openikfz.check.zfzr.internal;

import org.openikfz.api.dialog.SharedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openikfz.testing.check.FakeContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.VehicleRecord;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.connector.SealPosition;
import org.openikfz.api.connector.ZfzrQuery;
import org.openikfz.api.connector.ZfzrVerification;
import org.openikfz.api.connector.ZfzrVerification.Part;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;

/** The check finds the answers by field type, keeps opposed (data) apart from failed (system) and reports the register data. */
class ZfzrCheckTest {

    private static final String CODE = "Ab3De4F";
    private static final Holder HOLDER = new Holder("Erika Mustermann", "Hauptstraße 1", "09456", "Annaberg-Buchholz",
            LocalDate.of(1964, 8, 12));
    private static final VehicleRecord VEHICLE = new VehicleRecord(Kennzeichen.of("ERZ-AB 123"), Fin.of("WVWZZZ1JZXW000001"),
            true, HOLDER, null, false, YearMonth.of(2027, 4), "ERZ");
    private static final VehicleRecord DEREGISTERED = new VehicleRecord(Kennzeichen.of("ERZ-AB 123"), Fin.of("WVWZZZ1JZXW000001"),
            false, HOLDER, LocalDate.of(2025, 3, 14), false, null, "ERZ");

    private static FakeContext context() {
        return FakeContext.with(
                        Field.builder(SharedFields.WUNSCHKENNZEICHEN, FieldType.KENNZEICHEN, LocalizedText.german("Wunsch"))
                                .optional()
                                .build(),
                        Field.required("plate", FieldType.KENNZEICHEN, LocalizedText.german("Kennzeichen"), null),
                        Field.required("code", FieldType.ZB1_CODE, LocalizedText.german("Code"), null))
                .answer("plate", "ERZ-AB 123").answer("code", CODE);
    }

    @Test
    void noConnectorOrAnUnreachableOrBrokenRegisterFails() {
        ZfzrCheck check = new ZfzrCheck();
        assertEquals(CheckId.ZFZR, check.id());
        assertTrue(assertInstanceOf(CheckResult.Failed.class, check.check(context())).reason().contains("no connector"));
        check.setRegister(query -> {
            throw new ConnectorUnavailableException("timeout");
        });
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
        check.setRegister(query -> {
            throw new IllegalStateException("broken for " + CODE);
        });
        CheckResult.Failed failed = assertInstanceOf(CheckResult.Failed.class, check.check(context()));
        assertFalse(failed.reason().contains(CODE));
        check.setRegister(query -> null);
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
    }

    /**
     * An unknown plate and every kind of mismatch (plate, FIN, each code, several at once) give one and the same
     * finding: an answer that differed would tell a stranger which plates are registered and which code is right.
     */
    @Test
    void theFindingRevealsNeitherWhetherThePlateExistsNorWhichDetailIsWrong() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(null, Set.of()));
        List<Finding> unknownPlate = assertInstanceOf(CheckResult.Opposed.class, check.check(context())).findings();
        assertEquals(1, unknownPlate.size());
        assertEquals("plate", unknownPlate.get(0).fieldId());
        assertTrue(unknownPlate.get(0).message().get(Locale.GERMAN).contains("Sicherheitscode"));
        assertFalse(unknownPlate.get(0).message().get(Locale.GERMAN).contains(CODE));
        assertFalse(unknownPlate.get(0).message().get(Locale.ENGLISH).equals(unknownPlate.get(0).message().get(Locale.GERMAN)));
        for (Set<Part> mismatches : List.of(Set.of(Part.ZB1_CODE), Set.of(Part.ZB2_CODE), Set.of(Part.PLAKETTEN_CODE), Set.of(Part.FIN),
                Set.of(Part.KENNZEICHEN), Set.of(Part.ZB1_CODE, Part.PLAKETTEN_CODE), Set.of(Part.NOT_REGISTERED, Part.ZB1_CODE))) {
            check.setRegister(query -> new ZfzrVerification(VEHICLE, mismatches));
            assertEquals(unknownPlate, assertInstanceOf(CheckResult.Opposed.class, check.check(context())).findings(), mismatches.toString());
        }
    }

    @Test
    void anUnknownPlateOpposes() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(null, Set.of()));
        assertEquals("plate", assertInstanceOf(CheckResult.Opposed.class, check.check(context())).findings().get(0).fieldId());
    }

    @Test
    void aMatchIsClearWithTheRegisterData() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(VEHICLE, Set.of()));
        Map<String, String> facts = assertInstanceOf(CheckResult.Clear.class, check.check(context())).facts();
        assertEquals("true", facts.get(Facts.ZFZR_REGISTERED.name()));
        assertEquals("false", facts.get(Facts.ZFZR_VERWERTUNGSNACHWEIS.name()));
        assertEquals("2027-04", facts.get(Facts.ZFZR_NEXT_HU.name()));
        assertEquals("WVWZZZ1JZXW000001", facts.get(Facts.ZFZR_FIN.name()));
        assertEquals("ERZ-AB 123", facts.get(Facts.ZFZR_KENNZEICHEN.name()));
        assertEquals("ERZ", facts.get(Facts.ZFZR_AUTHORITY.name()));
        assertEquals("Erika Mustermann", facts.get(Facts.ZFZR_HOLDER_NAME.name()));
        assertEquals("Hauptstraße 1", facts.get(Facts.ZFZR_HOLDER_STREET.name()));
        assertEquals("09456", facts.get(Facts.ZFZR_HOLDER_POSTAL_CODE.name()));
        assertEquals("Annaberg-Buchholz", facts.get(Facts.ZFZR_HOLDER_CITY.name()));
        assertEquals("1964-08-12", facts.get(Facts.ZFZR_HOLDER_DATE_OF_BIRTH.name()));
        assertFalse(facts.containsKey(Facts.ZFZR_DEREGISTERED_ON.name()));
        assertFalse(facts.containsKey(Facts.ZFZR_APPLICANT_IS_HOLDER.name()), "no applicant identified");
        assertFalse(facts.containsValue(CODE));
    }

    @Test
    void aDeregisteredVehicleIsClearWithTheDateItWentOffTheRoad() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(DEREGISTERED, Set.of(Part.NOT_REGISTERED)));
        Map<String, String> facts = assertInstanceOf(CheckResult.Clear.class, check.check(context())).facts();
        assertEquals("false", facts.get(Facts.ZFZR_REGISTERED.name()));
        assertEquals("2025-03-14", facts.get(Facts.ZFZR_DEREGISTERED_ON.name()));
        assertFalse(facts.containsKey(Facts.ZFZR_NEXT_HU.name()));
    }

    @Test
    void anotherMismatchStillOpposesForADeregisteredVehicle() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(DEREGISTERED, Set.of(Part.NOT_REGISTERED, Part.KENNZEICHEN)));
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, check.check(context()));
        assertEquals(1, opposed.findings().size());
        assertEquals("plate", opposed.findings().get(0).fieldId());
    }

    @Test
    void theWunschkennzeichenIsNotThePlateAskedFor() {
        ZfzrCheck check = new ZfzrCheck();
        AtomicReference<ZfzrQuery> asked = new AtomicReference<>();
        check.setRegister(query -> {
            asked.set(query);
            return new ZfzrVerification(null, Set.of());
        });
        CheckResult result = check.check(context().answer(SharedFields.WUNSCHKENNZEICHEN, "ERZ-WU 1"));
        assertEquals(Kennzeichen.of("ERZ-AB 123"), asked.get().kennzeichen());
        assertEquals("plate", assertInstanceOf(CheckResult.Opposed.class, result).findings().get(0).fieldId());
    }

    @Test
    void onlyAWunschkennzeichenIsNoPlateToAskFor() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(VEHICLE, Set.of()));
        FakeContext context = FakeContext.with(
                Field.required(SharedFields.WUNSCHKENNZEICHEN, FieldType.KENNZEICHEN, LocalizedText.german("Wunsch"), null))
                .answer(SharedFields.WUNSCHKENNZEICHEN, "ERZ-WU 1");
        assertInstanceOf(CheckResult.Failed.class, check.check(context));
    }

    @Test
    void theIdentifiedApplicantIsComparedWithTheHolder() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(VEHICLE, Set.of()));
        VerifiedIdentity same = new VerifiedIdentity("s", new Holder("  erika MUSTERMANN ", null, null, null, LocalDate.of(1964, 8, 12)), "high");
        VerifiedIdentity unknownBirth = new VerifiedIdentity("s", new Holder("Erika Mustermann", null, null, null, null), "high");
        VerifiedIdentity otherBirth = new VerifiedIdentity("s", new Holder("Erika Mustermann", null, null, null, LocalDate.of(1990, 1, 1)), "high");
        VerifiedIdentity otherName = new VerifiedIdentity("s", new Holder("Max Mustermann", null, null, null, LocalDate.of(1964, 8, 12)), "high");
        assertEquals("true", applicantIsHolder(check, same));
        assertEquals("true", applicantIsHolder(check, unknownBirth));
        assertEquals("false", applicantIsHolder(check, otherBirth));
        assertEquals("false", applicantIsHolder(check, otherName));
    }

    private static String applicantIsHolder(ZfzrCheck check, VerifiedIdentity applicant) {
        return assertInstanceOf(CheckResult.Clear.class, check.check(context().applicant(applicant))).facts()
                .get(Facts.ZFZR_APPLICANT_IS_HOLDER.name());
    }

    /** FZV § 21(3): a seal's code proves only its own plate unstamped, so the register is told which seal each code is from. */
    @Test
    void sealCodesReachTheRegisterWithTheirPlate() {
        AtomicReference<ZfzrQuery> asked = new AtomicReference<>();
        ZfzrCheck check = askingRecorded(asked);
        FakeContext context = FakeContext.with(
                        Field.required("plate", FieldType.KENNZEICHEN, LocalizedText.german("Kennzeichen"), null),
                        Field.required("hinten", FieldType.PLAKETTEN_CODE_REAR, LocalizedText.german("hinten"), null),
                        Field.required("vorn", FieldType.PLAKETTEN_CODE_FRONT, LocalizedText.german("vorn"), null),
                        Field.builder("gemeinsam", FieldType.PLAKETTEN_CODE_SHARED_PART, LocalizedText.german("gemeinsam"))
                                .optional()
                                .build())
                .answer("plate", "ERZ-AB 123").answer("vorn", "K7m").answer("hinten", "P2x");
        assertInstanceOf(CheckResult.Clear.class, check.check(context));
        assertEquals(Map.of(SealPosition.FRONT, PlakettenCode.of("K7m"), SealPosition.REAR, PlakettenCode.of("P2x")), asked.get().seals());

        check.check(context.answer("gemeinsam", "Wx3"));
        assertEquals(PlakettenCode.of("Wx3"), asked.get().seals().get(SealPosition.SHARED_PART));
    }

    /** A check whose register matches and keeps what it was asked. */
    private static ZfzrCheck askingRecorded(AtomicReference<ZfzrQuery> asked) {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> {
            asked.set(query);
            return new ZfzrVerification(VEHICLE, Set.of());
        });
        return check;
    }
}
