package org.openikfz.web.api.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openikfz.api.dialog.Choice;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.Notice;
import org.openikfz.api.dialog.Stop;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.procedure.LegalBasis;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.text.LocalizedText;

/**
 * A procedure as the machine API describes it (schema {@code Procedure} of the OpenAPI document): ids as
 * plain strings, texts in the client's language, every member always present ({@code null} when the
 * procedure gives none). Not the SPI's records as such: their shape may change with the SPI, this one
 * only as the API's versioning rule allows.
 */
final class ProcedureJson {

    private ProcedureJson() {
    }

    static Map<String, Object> of(ProcedureDescription d, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id().value());
        out.put("title", text(d.title(), locale));
        out.put("summary", text(d.summary(), locale));
        List<Map<String, Object>> basis = new ArrayList<>();
        for (LegalBasis b : d.legalBasis()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("citation", b.citation());
            one.put("title", b.title());
            basis.add(one);
        }
        out.put("legalBasis", basis);
        out.put("applicants", d.applicants().stream().map(Enum::name).sorted().toList());
        out.put("identification", d.identification().name());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (DialogStep s : d.dialog().steps()) {
            steps.add(step(s, locale));
        }
        out.put("dialog", Map.of("steps", steps));
        out.put("checks", d.checks().stream().map(c -> c.value()).toList());
        out.put("decisionPolicy", d.decisionPolicy().name());
        List<Map<String, Object>> fees = new ArrayList<>();
        for (FeeRule f : d.fees()) {
            Map<String, Object> fee = new LinkedHashMap<>();
            fee.put("item", f.item());
            fee.put("when", condition(f.when()));
            fees.add(fee);
        }
        out.put("fees", fees);
        out.put("outputs", d.outputs().stream().map(Enum::name).sorted().toList());
        return out;
    }

    private static Map<String, Object> step(DialogStep s, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("title", text(s.title(), locale));
        out.put("intro", text(s.intro(), locale));
        List<Map<String, Object>> notices = new ArrayList<>();
        for (Notice n : s.notices()) {
            Map<String, Object> notice = new LinkedHashMap<>();
            notice.put("kind", n.kind().name());
            notice.put("text", text(n.text(), locale));
            notices.add(notice);
        }
        out.put("notices", notices);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : s.fields()) {
            fields.add(field(f, locale));
        }
        out.put("fields", fields);
        out.put("visibleWhen", condition(s.visibleWhen()));
        List<Map<String, Object>> stops = new ArrayList<>();
        for (Stop stop : s.stops()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("when", condition(stop.when()));
            one.put("message", text(stop.message(), locale));
            stops.add(one);
        }
        out.put("stops", stops);
        return out;
    }

    private static Map<String, Object> field(Field f, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.id());
        out.put("type", f.type().name());
        out.put("editor", f.type().editor().name());
        out.put("hints", f.type().hints().stream().map(Enum::name).sorted().toList());
        out.put("label", text(f.label(), locale));
        out.put("help", text(f.help(), locale));
        out.put("required", f.required());
        out.put("secret", f.type().secret());
        List<Map<String, Object>> choices = new ArrayList<>();
        for (Choice c : f.choices()) {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("value", c.value());
            choice.put("label", text(c.label(), locale));
            choices.add(choice);
        }
        out.put("choices", choices);
        out.put("visibleWhen", condition(f.visibleWhen()));
        return out;
    }

    /** A condition: the field's answer is one of the values, and the further condition holds, or the other one does. */
    private static Map<String, Object> condition(Condition c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fieldId", c.fieldId());
        out.put("values", c.values().stream().sorted().toList());
        out.put("and", condition(c.and()));
        out.put("or", condition(c.or()));
        return out;
    }

    private static String text(LocalizedText text, Locale locale) {
        return text == null ? null : text.get(locale);
    }

    /** The languages the texts of these procedures are in (German and English, and any a language fragment adds). */
    static java.util.Set<String> languages(List<ProcedureDescription> descriptions) {
        java.util.Set<String> languages = new java.util.TreeSet<>();
        java.util.function.Consumer<org.openikfz.api.text.LocalizedText> add = t -> {
            if (t != null) {
                languages.addAll(t.texts().keySet());
            }
        };
        for (ProcedureDescription d : descriptions) {
            add.accept(d.title());
            add.accept(d.summary());
            for (org.openikfz.api.dialog.DialogStep step : d.dialog().steps()) {
                add.accept(step.title());
                add.accept(step.intro());
                step.notices().forEach(n -> add.accept(n.text()));
                step.stops().forEach(stop -> add.accept(stop.message()));
                for (org.openikfz.api.dialog.Field field : step.fields()) {
                    add.accept(field.label());
                    add.accept(field.help());
                    field.choices().forEach(c -> add.accept(c.label()));
                }
            }
        }
        return languages;
    }
}
