package org.openikfz.check.zfzr.internal;

import org.openikfz.api.dialog.SharedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openikfz.testing.check.FakeContext;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;

/** FZV § 29: the statement that no Verwertungsnachweis exists, verified against the register. */
class KeinVerwertungsnachweisCheckTest {

    private final KeinVerwertungsnachweisCheck check = new KeinVerwertungsnachweisCheck();

    private static FakeContext context() {
        return FakeContext.with(
                Field.required("fall", FieldType.YES_NO, LocalizedText.german("Fall"), null),
                Field.builder(SharedFields.KEIN_VERWERTUNGSNACHWEIS, FieldType.YES_NO, LocalizedText.german("Kein Verwertungsnachweis"))
                        .visibleWhen(Condition.when("fall", "true"))
                        .build())
                .answer("fall", "true");
    }

    @Test
    void notAskedIsClearWithoutFacts() {
        assertEquals(CheckId.KEIN_VERWERTUNGSNACHWEIS, check.id());
        CheckResult.Clear clear = assertInstanceOf(CheckResult.Clear.class,
                check.check(context().answer("fall", "false").answer(SharedFields.KEIN_VERWERTUNGSNACHWEIS, "false")));
        assertTrue(clear.facts().isEmpty());
    }

    @Test
    void statedAndNotInTheRegisterIsClear() {
        CheckResult result = check.check(context().answer(SharedFields.KEIN_VERWERTUNGSNACHWEIS, "true")
                .fact(Facts.ZFZR_VERWERTUNGSNACHWEIS, false));
        assertInstanceOf(CheckResult.Clear.class, result);
    }

    @Test
    void aVerwertungsnachweisTheApplicantNamesOpposes() {
        CheckResult result = check.check(context().answer(SharedFields.KEIN_VERWERTUNGSNACHWEIS, "false")
                .fact(Facts.ZFZR_VERWERTUNGSNACHWEIS, false));
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, result);
        assertEquals(SharedFields.KEIN_VERWERTUNGSNACHWEIS, opposed.findings().get(0).fieldId());
        assertTrue(opposed.findings().get(0).message().get(Locale.GERMAN).contains("Zulassungsbehörde"));
    }

    @Test
    void aVerwertungsnachweisInTheRegisterOpposes() {
        CheckResult result = check.check(context().answer(SharedFields.KEIN_VERWERTUNGSNACHWEIS, "true")
                .fact(Facts.ZFZR_VERWERTUNGSNACHWEIS, true));
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, result);
        assertEquals(SharedFields.KEIN_VERWERTUNGSNACHWEIS, opposed.findings().get(0).fieldId());
        assertTrue(opposed.findings().get(0).message().get(Locale.GERMAN).contains("Fahrzeugregister"));
    }

    /** A register entry that is no yes/no is not guessed: the clerks decide. */
    @Test
    void anUnreadableRegisterEntryFailsTheCheck() {
        CheckResult result = check.check(context().answer(SharedFields.KEIN_VERWERTUNGSNACHWEIS, "true")
                .fact(Facts.ZFZR_VERWERTUNGSNACHWEIS.name(), "ja"));
        assertTrue(assertInstanceOf(CheckResult.Failed.class, result).reason().contains("not readable"));
    }

    @Test
    void withoutRegisterDataTheStatementCannotBeVerified() {
        CheckResult result = check.check(context().answer(SharedFields.KEIN_VERWERTUNGSNACHWEIS, "true"));
        assertTrue(assertInstanceOf(CheckResult.Failed.class, result).reason().contains("register data not available"));
    }
}
