package org.openikfz.api.dialog;

import java.util.Locale;
import java.util.Objects;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.ValueValidationException;

/**
 * An answer its {@link FieldType} refuses, with a message for the applicant that says what is wrong and
 * how to fix it. The message never repeats a secret answer.
 *
 * @since 2.0
 */
public final class InvalidAnswerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient LocalizedText text;
    private final ValueValidationException value;

    /** Refused with this message. */
    public InvalidAnswerException(LocalizedText text) {
        super(Objects.requireNonNull(text, "text").get(Locale.GERMAN));
        this.text = text;
        this.value = null;
    }

    /** Refused by a value type of {@code org.openikfz.api.value}, with its message in every language it has. */
    public InvalidAnswerException(ValueValidationException refused) {
        super(Objects.requireNonNull(refused, "refused").getMessage());
        this.text = null;
        this.value = refused;
    }

    /** The message in the language of {@code locale}, German when there is none. */
    public String getMessage(Locale locale) {
        return text != null ? text.get(locale) : value.getMessage(locale);
    }

    /** The message in German and English. */
    public LocalizedText text() {
        return text != null ? text : LocalizedText.of(value.getMessage(Locale.GERMAN), value.getMessage(Locale.ENGLISH));
    }
}
