package org.openikfz.web.support;

import java.util.List;
import java.util.Locale;

/**
 * The language of an answer, for the portal and the machine API alike: the first of the offered
 * languages a request's {@code Accept-Language} asks for (by preference and q-value, RFC 9110 § 12.5.4,
 * matched by the JDK's {@link Locale#lookup}), else the first offered one (German).
 */
public final class Languages {

    private Languages() {
    }

    /**
     * @param acceptLanguage the header's value; {@code null} when the request has none
     * @param offered the languages there are, the default first
     */
    public static Locale preferred(String acceptLanguage, List<Locale> offered) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return offered.get(0);
        }
        try {
            Locale found = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), offered);
            return found == null ? offered.get(0) : found;
        } catch (IllegalArgumentException e) {
            return offered.get(0); // a header that is no list of language ranges asks for nothing
        }
    }
}
