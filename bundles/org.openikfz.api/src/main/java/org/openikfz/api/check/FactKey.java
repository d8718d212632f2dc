package org.openikfz.api.check;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The name and value type of a fact a check establishes ({@link CheckResult.Clear#with}) and later checks and
 * procedures read ({@link CheckContext#fact}). The platform keeps facts as text with the application's data
 * (dates ISO, months {@code 2027-04}, flags {@code true}/{@code false}); a key turns its values into that text
 * and back, so no check parses another's strings. The facts of FZV Anlage 11 are the constants of
 * {@link Facts}; a check of another bundle declares its own keys ({@code <check>.<name>}) and names them in
 * {@link Check#produces()}.
 *
 * @param <T> the value type
 * @since 2.0
 */
public final class FactKey<T> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*(\\.[a-z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*)+");

    private final String name;
    private final Class<T> type;
    private final Function<String, T> parse;
    private final Function<T, String> format;

    private FactKey(String name, Class<T> type, Function<String, T> parse, Function<T, String> format) {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches() || name.length() > 100) {
            throw new IllegalArgumentException("not a fact name (<check>.<name>, letters and digits): " + name);
        }
        this.name = name;
        this.type = type;
        this.parse = parse;
        this.format = format;
    }

    /** A fact whose value is a text (a name, a reference, a plate as formatted). */
    public static FactKey<String> text(String name) {
        return new FactKey<>(name, String.class, Function.identity(), Function.identity());
    }

    /** A fact that is true or false. */
    public static FactKey<Boolean> flag(String name) {
        return new FactKey<>(name, Boolean.class, FactKey::parseFlag, b -> Boolean.toString(b));
    }

    /** A fact that is a calendar date. */
    public static FactKey<LocalDate> date(String name) {
        return new FactKey<>(name, LocalDate.class, LocalDate::parse, LocalDate::toString);
    }

    /** A fact that is a month of a year. */
    public static FactKey<YearMonth> month(String name) {
        return new FactKey<>(name, YearMonth.class, YearMonth::parse, YearMonth::toString);
    }

    /** The name the fact is kept and transferred under, e.g. {@code zfzr.nextHu}. */
    public String name() {
        return name;
    }

    /** The value type. */
    public Class<T> type() {
        return type;
    }

    /**
     * The value of a fact as kept.
     *
     * @throws IllegalArgumentException when the text is not a value of this key's type
     */
    public T parse(String kept) {
        try {
            return parse.apply(Objects.requireNonNull(kept, "kept"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("fact " + name + " is not a " + type.getSimpleName(), e);
        }
    }

    /**
     * This fact among facts as kept (name to text, as {@link CheckResult.Clear#facts()} holds them), if it is there.
     *
     * @throws IllegalArgumentException when its text is not a value of this key's type
     */
    public Optional<T> from(Map<String, String> kept) {
        return Optional.ofNullable(kept.get(name)).map(this::parse);
    }

    /** The text a value is kept as. */
    public String format(T value) {
        return format.apply(Objects.requireNonNull(value, "value"));
    }

    private static Boolean parseFlag(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a flag");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactKey<?> other && name.equals(other.name) && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
