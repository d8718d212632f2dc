package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.procedure.ProcedureDescription;

/** ${titleDe}: its description and its own rule, without the framework. */
class ${className}Test {

    private final ${className} procedure = new ${className}();
    private final ProcedureDescription description = procedure.description();

    @Test
    void itIsOfferedUnderItsIdWithTextsInGermanAndEnglish() {
        assertEquals("${procedureId}", description.id().value());
        assertEquals("${titleDe}", description.title().get(Locale.GERMAN));
        assertEquals("${titleEn}", description.title().get(Locale.ENGLISH));
        for (DialogStep step : description.dialog().steps()) {
            for (Field field : step.fields()) {
                assertFalse(field.label().get(Locale.ENGLISH).equals(field.label().get(Locale.GERMAN)), field.id() + " in English");
            }
        }
    }

    @Test
    void everyTextIsInEnglishToo() {
        assertEquals(java.util.Set.of(), ${className}.TEXTS.untranslated("en"), "keys of texts.properties without English");
    }

    @Test
    void theSecurityCodeIsAskedLastAfterWhatCanStopTheApplication() {
        List<DialogStep> steps = description.dialog().steps();
        DialogStep last = steps.get(steps.size() - 1);
        assertTrue(last.fields().stream().anyMatch(f -> f.type() == FieldType.ZB1_CODE));
        assertTrue(steps.subList(0, steps.size() - 1).stream().flatMap(s -> s.fields().stream()).noneMatch(f -> f.type().secret()),
                "no code before the last step");
        assertTrue(steps.get(0).stops().stream().anyMatch(s -> s.when().fieldId().equals(${className}.HOLDER)
                && s.when().values().contains("false")), "a non-holder is stopped on the first step");
    }

    @Test
    void theApplicationIsOpposedUntilTheApplicantConfirmsTheDetails() {
        CheckResult unconfirmed = procedure.evaluate(new Answers(Map.of(${className}.CONFIRMED, "false")));
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, unconfirmed);
        assertEquals(${className}.CONFIRMED, opposed.findings().get(0).fieldId());
        assertInstanceOf(CheckResult.Clear.class, procedure.evaluate(new Answers(Map.of(${className}.CONFIRMED, "true"))));
    }
}
