package org.openikfz.api.text;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A text in several languages, German first. Procedure bundles describe their dialogs with these
 * texts; the UI picks the language of the user and falls back to German.
 *
 * @param texts language tag (e.g. {@code "de"}, {@code "en"}) to text; must contain {@code "de"}
 */
public record LocalizedText(Map<String, String> texts) {

    /** The language every text must have: the portal speaks German first. */
    public static final String DEFAULT_LANGUAGE = "de";

    public LocalizedText {
        Objects.requireNonNull(texts, "texts");
        if (texts.get(DEFAULT_LANGUAGE) == null || texts.get(DEFAULT_LANGUAGE).isBlank()) {
            throw new IllegalArgumentException("a LocalizedText needs a German text");
        }
        texts = Map.copyOf(new TreeMap<>(texts));
    }

    /** A German text with its English translation. */
    public static LocalizedText of(String german, String english) {
        return new LocalizedText(Map.of(DEFAULT_LANGUAGE, german, "en", english));
    }

    /** A German text only (names and legal terms that have no translation). */
    public static LocalizedText german(String german) {
        return new LocalizedText(Map.of(DEFAULT_LANGUAGE, german));
    }

    /** The text in the language of {@code locale}, or German when there is none. */
    public String get(Locale locale) {
        String text = locale == null ? null : texts.get(locale.getLanguage());
        return text != null ? text : texts.get(DEFAULT_LANGUAGE);
    }

    /** The German text. */
    @Override
    public String toString() {
        return texts.get(DEFAULT_LANGUAGE);
    }
}
