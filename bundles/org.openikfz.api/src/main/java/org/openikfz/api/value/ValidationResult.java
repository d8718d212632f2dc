package org.openikfz.api.value;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of checking an input without throwing: either {@link Valid} with the value, or
 * {@link Invalid} with the {@link ValueValidationException} that {@code of(String)} would throw.
 *
 * <pre>{@code
 * switch (Fin.check(input)) {
 *     case ValidationResult.Valid<Fin> v -> use(v.value());
 *     case ValidationResult.Invalid<Fin> i -> show(i.error().getMessage(locale));
 * }
 * }</pre>
 *
 * @param <T> the value type
 */
public sealed interface ValidationResult<T> {

    /** A valid input and its value. */
    record Valid<T>(T value) implements ValidationResult<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /** An invalid input and the reason. */
    record Invalid<T>(ValueValidationException error) implements ValidationResult<T> {
        public Invalid {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Applies {@code factory} (e.g. {@code Fin::of}) to {@code input} and captures its outcome. */
    static <T> ValidationResult<T> of(Function<? super String, ? extends T> factory, String input) {
        try {
            return new Valid<>(factory.apply(input));
        } catch (ValueValidationException e) {
            return new Invalid<>(e);
        }
    }

    /** Whether the input was valid. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /** The value when valid. */
    default Optional<T> toOptional() {
        return this instanceof Valid<T> v ? Optional.of(v.value()) : Optional.empty();
    }

    /** The message for a citizen when invalid, in the language of {@code locale} (German default). */
    default Optional<String> message(Locale locale) {
        return this instanceof Invalid<T> i ? Optional.of(i.error().getMessage(locale)) : Optional.empty();
    }
}
