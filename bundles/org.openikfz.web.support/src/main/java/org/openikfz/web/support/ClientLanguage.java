package org.openikfz.web.support;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The language a client asks for in {@code Accept-Language}: German, English, or a further language the caller offers;
 * German without the header or when it names none of these (the platform speaks German first).
 */
public final class ClientLanguage {

    private ClientLanguage() {
    }

    /**
     * The language from the header's value ({@code null}: no header). Read here, not through the container's
     * {@code getLocales()}: for a header that names no usable language ({@code en;q=0}, {@code *}, a malformed one)
     * the container answers with the JVM's default locale, which is not what the client asked for.
     */
    public static Locale of(String acceptLanguage, Supplier<Set<String>> further) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 1000) {
            return Locale.GERMAN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return Locale.GERMAN;
        }
        Set<String> spoken = null;
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0 || range.getRange().startsWith("*")) {
                continue; // q=0: "not this one"; the wildcard names no language
            }
            String language = range.getRange().split("-", 2)[0].toLowerCase(Locale.ROOT);
            if (language.equals("de")) {
                return Locale.GERMAN;
            }
            if (language.equals("en")) {
                return Locale.ENGLISH;
            }
            if (!language.isEmpty()) {
                spoken = spoken != null ? spoken : further.get();
                if (spoken.contains(language)) {
                    return Locale.forLanguageTag(language);
                }
            }
        }
        return Locale.GERMAN;
    }
}
