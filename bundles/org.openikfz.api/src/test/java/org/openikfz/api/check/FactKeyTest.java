package org.openikfz.api.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed fact keys: facts are kept as the text they were before 2.0, and no check parses another's strings. */
class FactKeyTest {

    @Test
    void aFactIsKeptAsTheTextOfItsTypeAndReadBack() {
        CheckResult.Clear clear = CheckResult.clear().with(Facts.ZFZR_REGISTERED, false)
                .with(Facts.ZFZR_DEREGISTERED_ON, LocalDate.of(2019, 5, 31)).with(Facts.ZFZR_NEXT_HU, YearMonth.of(2027, 4))
                .with(Facts.ZFZR_HOLDER_NAME, "Erika Mustermann");
        assertEquals(java.util.Map.of("zfzr.registered", "false", "zfzr.deregisteredOn", "2019-05-31", "zfzr.nextHu", "2027-04",
                "zfzr.holder.name", "Erika Mustermann"), clear.facts(), "the same text the store and the transfer had in 1.x");
        assertEquals(Optional.of(false), clear.fact(Facts.ZFZR_REGISTERED));
        assertEquals(Optional.of(YearMonth.of(2027, 4)), clear.fact(Facts.ZFZR_NEXT_HU));
        assertEquals(Optional.empty(), clear.fact(Facts.HU_NEXT));
    }

    @Test
    void aTextThatIsNoValueOfTheKeysTypeIsRefusedNotGuessed() {
        for (String notAFlag : List.of("ja", "TRUE", "1", "")) {
            assertThrows(IllegalArgumentException.class, () -> Facts.ZFZR_REGISTERED.parse(notAFlag), notAFlag);
        }
        assertThrows(IllegalArgumentException.class, () -> Facts.ZFZR_NEXT_HU.parse("04.2027"));
        assertThrows(IllegalArgumentException.class, () -> Facts.ZFZR_DEREGISTERED_ON.parse("31.05.2019"));
    }

    @Test
    void aKeyIsNamedForItsCheckAndEqualByNameAndType() {
        assertEquals(FactKey.text("testfixture.ort"), FactKey.text("testfixture.ort"), "a procedure's own key equals the check's");
        assertNotEquals(FactKey.text("zfzr.registered"), Facts.ZFZR_REGISTERED, "same name, other type");
        for (String bad : List.of("ort", "Zfzr.registered", "zfzr.", ".registered", "zfzr registered", "zfzr.ä")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FactKey.text(bad), bad);
            assertTrue(refused.getMessage().contains("<check>.<name>"), refused.getMessage());
        }
    }
}
