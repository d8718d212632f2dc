package org.openikfz.api.dialog;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.text.Texts;
import org.openikfz.api.value.Evb;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Iban;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.ValueValidationException;
import org.openikfz.api.value.Zb1Code;
import org.openikfz.api.value.Zb2Code;

/** The field types of {@link FieldType}'s constants: each checks its answers with one rule, here or in a value type. */
final class StandardFieldType implements FieldType {

    /** The texts: OSGI-INF/l10n/api.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(StandardFieldType.class, "OSGI-INF/l10n/api");

    /** The longest free-text answer, in characters (code points). */
    static final int MAX_TEXT = 200;
    /**
     * The first and last year a date or month answer may name: no date a vehicle's papers carry is older, no
     * deadline of the procedures lies further ahead, and {@code +99999-01-01} is no date anyone means.
     */
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2100;

    private static final Pattern GERMAN_DATE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern GERMAN_MONTH = Pattern.compile("(\\d{1,2})\\s*[./]\\s*(\\d{4})");
    private static final Pattern ISO_MONTH = Pattern.compile("\\d{4}-\\d{2}");

    static final StandardFieldType TEXT = new StandardFieldType("TEXT", Editor.TEXT, false, Set.of(),
            (answer, field) -> text(answer));
    static final StandardFieldType DATE = new StandardFieldType("DATE", Editor.DATE, false, Set.of(),
            (answer, field) -> date(answer).toString());
    static final StandardFieldType MONTH = new StandardFieldType("MONTH", Editor.MONTH, false, Set.of(InputHint.NUMERIC),
            (answer, field) -> month(answer).toString());
    static final StandardFieldType YES_NO = new StandardFieldType("YES_NO", Editor.YES_NO, false, Set.of(),
            (answer, field) -> yesNo(answer));
    static final StandardFieldType CHOICE = new StandardFieldType("CHOICE", Editor.CHOICE, false, Set.of(),
            StandardFieldType::choice);
    static final StandardFieldType KENNZEICHEN = value("KENNZEICHEN", false, v -> Kennzeichen.of(v).formatted());
    static final StandardFieldType FIN = value("FIN", false, v -> Fin.of(v).value());
    static final StandardFieldType PLAKETTEN_CODE_FRONT = code("PLAKETTEN_CODE_FRONT", v -> PlakettenCode.of(v).value());
    static final StandardFieldType PLAKETTEN_CODE_REAR = code("PLAKETTEN_CODE_REAR", v -> PlakettenCode.of(v).value());
    static final StandardFieldType PLAKETTEN_CODE_SHARED_PART = code("PLAKETTEN_CODE_SHARED_PART",
            v -> PlakettenCode.of(v).value());
    static final StandardFieldType ZB1_CODE = code("ZB1_CODE", v -> Zb1Code.of(v).value());
    static final StandardFieldType ZB2_CODE = code("ZB2_CODE", v -> Zb2Code.of(v).value());
    static final StandardFieldType EVB = value("EVB", false, v -> Evb.of(v).value());
    static final StandardFieldType IBAN = value("IBAN", true, v -> Iban.of(v).value());

    private final String name;
    private final Editor editor;
    private final boolean secret;
    private final Set<InputHint> hints;
    private final BiFunction<String, Field, String> rule;

    private StandardFieldType(String name, Editor editor, boolean secret, Set<InputHint> hints,
            BiFunction<String, Field, String> rule) {
        this.name = name;
        this.editor = editor;
        this.secret = secret;
        this.hints = Set.copyOf(hints);
        this.rule = rule;
    }

    /** A type checked by a value type of {@code org.openikfz.api.value}, edited as capitals. */
    private static StandardFieldType value(String name, boolean secret, Function<String, String> of) {
        return value(name, secret, InputHint.CAPITALS, of);
    }

    /**
     * A security code: secret, and case-sensitive as the value types say (the codes under the seals and on the
     * registration certificates mix upper and lower case), so a phone must not capitalise it.
     */
    private static StandardFieldType code(String name, Function<String, String> of) {
        return value(name, true, InputHint.CASE_SENSITIVE, of);
    }

    private static StandardFieldType value(String name, boolean secret, InputHint hint, Function<String, String> of) {
        return new StandardFieldType(name, Editor.TEXT, secret, Set.of(hint), (answer, field) -> {
            try {
                return of.apply(answer);
            } catch (ValueValidationException e) {
                throw new InvalidAnswerException(e);
            }
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Editor editor() {
        return editor;
    }

    @Override
    public boolean secret() {
        return secret;
    }

    @Override
    public Set<InputHint> hints() {
        return hints;
    }

    @Override
    public String normalise(String answer, Field field) {
        return rule.apply(Objects.requireNonNull(answer, "answer"), field);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * A free-text answer: at most {@value #MAX_TEXT} characters, composed (NFC), and printable only. Control
     * characters (NUL, line breaks, ...), format characters (the bidi overrides such as U+202E that make a text read
     * differently than it is stored, zero-width characters), private-use, unassigned and lone surrogate code points
     * are refused: they end up in letters, PDFs and the authority's Fachverfahren.
     */
    private static String text(String value) {
        String composed = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (composed.codePointCount(0, composed.length()) > MAX_TEXT) {
            throw new InvalidAnswerException(TEXTS.format("standardFieldType.too-long", LocalizedText.german(String.valueOf(MAX_TEXT))));
        }
        boolean printable = composed.codePoints().allMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        });
        if (!printable) {
            throw new InvalidAnswerException(TEXTS.get("standardFieldType.this-entry-contains-characters-that"));
        }
        return composed;
    }

    private static LocalDate date(String value) {
        String v = value.strip();
        Matcher german = GERMAN_DATE.matcher(v);
        try {
            LocalDate date = german.matches()
                    ? LocalDate.of(Integer.parseInt(german.group(3)), Integer.parseInt(german.group(2)), Integer.parseInt(german.group(1)))
                    : ISO_DATE.matcher(v).matches() ? LocalDate.parse(v) : null;
            if (date != null && date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR) {
                return date;
            }
        } catch (DateTimeException e) {
            // 30 February and the like: refused below
        }
        throw new InvalidAnswerException(TEXTS.get("standardFieldType.please-enter-a-date-between"));
    }

    private static YearMonth month(String value) {
        String v = value.strip();
        Matcher german = GERMAN_MONTH.matcher(v);
        try {
            YearMonth month = german.matches() ? YearMonth.of(Integer.parseInt(german.group(2)), Integer.parseInt(german.group(1)))
                    : ISO_MONTH.matcher(v).matches() ? YearMonth.parse(v) : null;
            if (month != null && month.getYear() >= FIRST_YEAR && month.getYear() <= LAST_YEAR) {
                return month;
            }
        } catch (DateTimeException e) {
            // month 13 and the like: refused below
        }
        throw new InvalidAnswerException(TEXTS.get("standardFieldType.please-enter-month-and-year"));
    }

    private static String yesNo(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "ja", "yes" -> "true";
            case "false", "nein", "no" -> "false";
            default -> throw new InvalidAnswerException(TEXTS.get("standardFieldType.please-choose-yes-or-no"));
        };
    }

    private static String choice(String value, Field field) {
        return (field == null ? java.util.List.<Choice>of() : field.choices()).stream().map(Choice::value)
                .filter(value::equals).findFirst()
                .orElseThrow(() -> new InvalidAnswerException(TEXTS.get("standardFieldType.please-choose-one-of-the")));
    }
}
