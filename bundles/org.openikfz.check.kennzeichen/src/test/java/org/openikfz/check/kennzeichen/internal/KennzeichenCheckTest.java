package org.openikfz.check.kennzeichen.internal;

import org.openikfz.api.dialog.SharedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openikfz.testing.check.FakeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.KennzeichenConnector;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.procedure.support.Registration;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Kennzeichen;

/** The plate for a registration: kept, reserved again, chosen or assigned. */
class KennzeichenCheckTest {

    /** The authority's allocation: ERZ-AB 123 is free to reserve, and it assigns ERZ-Z 1 with the asked suffix. */
    private static final class FakeAllocation implements KennzeichenConnector {
        final List<String> calls = new ArrayList<>();
        final List<UUID> applications = new ArrayList<>();
        Exception failure;
        Kennzeichen assigned;

        @Override
        public Optional<Kennzeichen> reserve(String authority, Kennzeichen wish, UUID application) throws ConnectorUnavailableException {
            calls.add("reserve " + authority + " " + wish);
            applications.add(application);
            fail();
            return wish.erkennungsbuchstaben().equals("AB") ? Optional.of(wish) : Optional.empty();
        }

        @Override
        public Kennzeichen assign(String authority, String suffix, UUID application) throws ConnectorUnavailableException {
            calls.add("assign " + authority + " '" + suffix + "'");
            applications.add(application);
            fail();
            return assigned != null ? assigned : Kennzeichen.of("ERZ-Z 1" + suffix);
        }

        private void fail() throws ConnectorUnavailableException {
            if (failure instanceof ConnectorUnavailableException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
        }
    }

    private final FakeAllocation allocation = new FakeAllocation();

    private KennzeichenCheck check() {
        KennzeichenCheck check = new KennzeichenCheck();
        check.setAllocation(allocation);
        return check;
    }

    private static FakeContext context(String choice) {
        List<Field> plateFields = Registration.plateFields(
                List.of(SharedFields.WAHL_BEHALTEN, SharedFields.WAHL_RESERVIERT, SharedFields.WAHL_WUNSCH, SharedFields.WAHL_ZUTEILEN), null);
        List<Field> fields = new ArrayList<>();
        fields.add(Field.required("kennzeichen", FieldType.KENNZEICHEN, LocalizedText.german("Bisheriges Kennzeichen"), null));
        fields.addAll(plateFields);
        FakeContext context = FakeContext.with(fields.toArray(Field[]::new)).answer("kennzeichen", "erz ab 123");
        return choice == null ? context : context.answer(SharedFields.KENNZEICHEN_WAHL, choice);
    }

    private static String plate(CheckResult result) {
        return assertInstanceOf(CheckResult.Clear.class, result).facts().get(Facts.KENNZEICHEN_ZUGETEILT.name());
    }

    @Test
    void noChoiceIsClearWithoutFacts() {
        KennzeichenCheck check = check();
        assertEquals(CheckId.KENNZEICHEN_ZUTEILUNG, check.id());
        assertTrue(assertInstanceOf(CheckResult.Clear.class, check.check(context(null))).facts().isEmpty());
    }

    @Test
    void keepingThePlateNeedsNoAllocation() {
        CheckResult result = new KennzeichenCheck().check(context(SharedFields.WAHL_BEHALTEN));
        assertEquals(Map.of(Facts.KENNZEICHEN_ZUGETEILT.name(), "ERZ-AB 123"), assertInstanceOf(CheckResult.Clear.class, result).facts());
    }

    @Test
    void keepingWithoutAPresentPlateFails() {
        FakeContext context = FakeContext.with(Registration.plateFields(List.of(SharedFields.WAHL_BEHALTEN), null).toArray(Field[]::new))
                .answer(SharedFields.KENNZEICHEN_WAHL, SharedFields.WAHL_BEHALTEN);
        assertInstanceOf(CheckResult.Failed.class, check().check(context));
    }

    @Test
    void theReservedPlateIsReservedAgainForThisApplication() {
        assertEquals("ERZ-AB 123", plate(check().check(context(SharedFields.WAHL_RESERVIERT))));
        assertEquals(List.of("reserve ERZ ERZ-AB 123"), allocation.calls);
        assertEquals(List.of(FakeContext.APPLICATION), allocation.applications);
    }

    @Test
    void aLapsedReservationOpposesOnTheChoice() {
        FakeContext context = context(SharedFields.WAHL_RESERVIERT).answer("kennzeichen", "ERZ-XY 42");
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, check().check(context)).findings().get(0);
        assertEquals(SharedFields.KENNZEICHEN_WAHL, finding.fieldId());
        assertTrue(finding.message().get(Locale.GERMAN).contains("Reservierung ist abgelaufen"));
    }

    @Test
    void aFreeWunschkennzeichenIsReserved() {
        FakeContext context = context(SharedFields.WAHL_WUNSCH).answer("kennzeichen", "ERZ-XY 42")
                .answer(SharedFields.WUNSCHKENNZEICHEN, "erz-ab 77").answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_ALLGEMEIN);
        assertEquals("ERZ-AB 77", plate(check().check(context)));
        assertEquals(List.of("reserve ERZ ERZ-AB 77"), allocation.calls, "the wish, not the present plate");
    }

    @Test
    void aTakenWunschkennzeichenOpposesOnIt() {
        FakeContext context = context(SharedFields.WAHL_WUNSCH).answer(SharedFields.WUNSCHKENNZEICHEN, "ERZ-QQ 7")
                .answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_ALLGEMEIN);
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, check().check(context)).findings().get(0);
        assertEquals(SharedFields.WUNSCHKENNZEICHEN, finding.fieldId());
        assertTrue(finding.message().get(Locale.GERMAN).contains("nicht frei"));
    }

    @Test
    void aWunschkennzeichenMustCarryTheSuffixOfItsKind() {
        FakeContext elektro = context(SharedFields.WAHL_WUNSCH).answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_ELEKTRO);
        Finding noE = assertInstanceOf(CheckResult.Opposed.class, check().check(elektro.answer(SharedFields.WUNSCHKENNZEICHEN, "ERZ-AB 12")))
                .findings().get(0);
        assertEquals(SharedFields.WUNSCHKENNZEICHEN, noE.fieldId());
        assertTrue(noE.message().get(Locale.GERMAN).contains("E-Kennzeichen"));
        assertTrue(allocation.calls.isEmpty(), "not reserved");
        assertEquals("ERZ-AB 12E", plate(check().check(elektro.answer(SharedFields.WUNSCHKENNZEICHEN, "ERZ-AB 12E"))));

        FakeContext allgemein = context(SharedFields.WAHL_WUNSCH).answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_ALLGEMEIN)
                .answer(SharedFields.WUNSCHKENNZEICHEN, "ERZ-AB 12H");
        assertEquals(SharedFields.WUNSCHKENNZEICHEN,
                assertInstanceOf(CheckResult.Opposed.class, check().check(allgemein)).findings().get(0).fieldId());
    }

    @Test
    void anAssignedPlateCarriesTheSuffixOfItsKind() {
        assertEquals("ERZ-Z 1", plate(check().check(context(SharedFields.WAHL_ZUTEILEN).answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_SAISON))));
        assertEquals("ERZ-Z 1E", plate(check().check(context(SharedFields.WAHL_ZUTEILEN).answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_ELEKTRO))));
        assertEquals("ERZ-Z 1H", plate(check().check(context(SharedFields.WAHL_ZUTEILEN).answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_HISTORISCH))));
        assertEquals(List.of("assign ERZ ''", "assign ERZ 'E'", "assign ERZ 'H'"), allocation.calls);
        allocation.assigned = Kennzeichen.of("ERZ-Z 2");
        assertInstanceOf(CheckResult.Failed.class,
                check().check(context(SharedFields.WAHL_ZUTEILEN).answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_ELEKTRO)));
    }

    @Test
    void withoutAnApplicationIdAStableOneIsDerived() {
        FakeContext context = context(SharedFields.WAHL_ZUTEILEN);
        FakeContext unnamed = new FakeContext(context.description(), context.answers(), context.facts(), context.applicant(),
                context.today(), context.authority(), null, context.land());
        check().check(unnamed);
        check().check(unnamed);
        assertNotNull(allocation.applications.get(0));
        assertEquals(allocation.applications.get(0), allocation.applications.get(1));
    }

    @Test
    void noConnectorOrAnUnreachableOrBrokenAllocationFails() {
        assertTrue(assertInstanceOf(CheckResult.Failed.class, new KennzeichenCheck().check(context(SharedFields.WAHL_ZUTEILEN)))
                .reason().contains("no connector"));
        assertInstanceOf(CheckResult.Failed.class, new KennzeichenCheck().check(context(SharedFields.WAHL_RESERVIERT)));
        allocation.failure = new ConnectorUnavailableException("timeout");
        assertInstanceOf(CheckResult.Failed.class, check().check(context(SharedFields.WAHL_ZUTEILEN)));
        assertInstanceOf(CheckResult.Failed.class, check().check(context(SharedFields.WAHL_RESERVIERT)));
        allocation.failure = new IllegalStateException("boom");
        assertInstanceOf(CheckResult.Failed.class, check().check(context(SharedFields.WAHL_ZUTEILEN)));
        assertInstanceOf(CheckResult.Failed.class, check().check(context(SharedFields.WAHL_WUNSCH)
                .answer(SharedFields.WUNSCHKENNZEICHEN, "ERZ-AB 5").answer(SharedFields.KENNZEICHEN_ART, SharedFields.ART_ALLGEMEIN)));
    }
}
