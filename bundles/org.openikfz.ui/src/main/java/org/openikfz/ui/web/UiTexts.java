package org.openikfz.ui.web;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The UI's own texts: German first ({@code texts.properties}), English second. Procedure texts come
 * with the procedures ({@code LocalizedText}).
 */
public class UiTexts implements I18NProvider {

    private static final long serialVersionUID = 1L;

    /** The portal's languages; the first is the default. */
    public static final List<Locale> LOCALES = List.of(Locale.GERMAN, Locale.ENGLISH);

    private static final String BUNDLE = "org.openikfz.ui.texts";

    /**
     * The portal's language for a new session: the first of its languages the request's Accept-Language
     * names (by preference and q-value), German without the header or when it names none of them.
     */
    public static Locale preferred(com.vaadin.flow.server.VaadinRequest request) {
        if (request == null || request.getHeader("Accept-Language") == null) {
            return LOCALES.get(0);
        }
        for (java.util.Enumeration<Locale> asked = request.getLocales(); asked.hasMoreElements();) {
            String language = asked.nextElement().getLanguage();
            for (Locale offered : LOCALES) {
                if (offered.getLanguage().equals(language)) {
                    return offered;
                }
            }
        }
        return LOCALES.get(0);
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale language = locale != null && locale.getLanguage().equals("en") ? Locale.ENGLISH : Locale.ROOT;
        String text;
        try {
            text = ResourceBundle.getBundle(BUNDLE, language, UiTexts.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(key);
        } catch (MissingResourceException e) {
            return "!" + key;
        }
        return params.length == 0 ? text : new MessageFormat(text, language == Locale.ROOT ? Locale.GERMAN : language)
                .format(params);
    }
}
