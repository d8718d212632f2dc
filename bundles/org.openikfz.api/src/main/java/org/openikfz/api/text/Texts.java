package org.openikfz.api.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The texts of a bundle, kept in its resource files rather than in Java: {@code <base>.properties} in German (the
 * portal's first language, complete), {@code <base>_en.properties} in English, and a file
 * {@code <base>_<language>.properties} for every further language, found at runtime. A language is added without
 * code: a fragment bundle attached to the bundle (or the bundle itself) brings the file, and may bring only some of
 * the texts; the others stay German.
 *
 * <pre>{@code
 * private static final Texts TEXTS = Texts.of(Registration.class, "OSGI-INF/l10n/registration");
 * LocalizedText title = TEXTS.get("conditions.title");
 * }</pre>
 *
 * <p>The files are UTF-8 and read with the class loader of {@code anchor} (in OSGi: the bundle with its fragments).
 *
 * @since 1.1
 */
public final class Texts {

    private final String base;
    /** Language tag to that language's file. */
    private final Map<String, Properties> languages;

    private Texts(String base, Map<String, Properties> languages) {
        this.base = base;
        this.languages = languages;
    }

    /**
     * The texts of {@code base} (a resource path without {@code .properties}) as the class loader of {@code anchor}
     * finds them: the German file, which must exist, and every language file beside it.
     *
     * @throws IllegalArgumentException when there is no German file
     */
    public static Texts of(Class<?> anchor, String base) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(base, "base");
        ClassLoader loader = anchor.getClassLoader() != null ? anchor.getClassLoader() : ClassLoader.getSystemClassLoader();
        Map<String, Properties> languages = new TreeMap<>();
        Properties german = read(loader.getResource(base + ".properties"));
        if (german == null) {
            throw new IllegalArgumentException("no German texts " + base + ".properties beside " + anchor.getName());
        }
        languages.put(LocalizedText.DEFAULT_LANGUAGE, german);
        // every language the files name: a fragment that brings one more needs no list to be changed
        for (String language : Locale.getISOLanguages()) {
            if (!language.equals(LocalizedText.DEFAULT_LANGUAGE)) {
                Properties texts = read(loader.getResource(base + "_" + language + ".properties"));
                if (texts != null) {
                    languages.put(language, texts);
                }
            }
        }
        return new Texts(base, Map.copyOf(languages));
    }

    /**
     * The text of {@code key} in every language that has it.
     *
     * @throws IllegalArgumentException when the German file lacks the key
     */
    public LocalizedText get(String key) {
        Map<String, String> texts = new HashMap<>();
        languages.forEach((language, file) -> {
            String text = file.getProperty(key);
            if (text != null && !text.isBlank()) {
                texts.put(language, text);
            }
        });
        if (!texts.containsKey(LocalizedText.DEFAULT_LANGUAGE)) {
            throw new IllegalArgumentException("no German text " + key + " in " + base + ".properties");
        }
        return new LocalizedText(texts);
    }

    /**
     * The text of {@code key} with its placeholders {@code {0}}, {@code {1}}, … replaced, in each language, by the
     * arguments in that language (German where an argument has no text in it). No other character is special.
     */
    public LocalizedText format(String key, LocalizedText... arguments) {
        Map<String, String> texts = new HashMap<>(get(key).texts());
        texts.replaceAll((language, template) -> {
            String text = template;
            for (int i = 0; i < arguments.length; i++) {
                text = text.replace("{" + i + "}", arguments[i].get(Locale.forLanguageTag(language)));
            }
            return text;
        });
        return new LocalizedText(texts);
    }

    /** The languages found, German first among them by its tag. */
    public Set<String> languages() {
        return languages.keySet();
    }

    /** The keys of the German file that have no text in {@code language}: what a translation still lacks. */
    public Set<String> untranslated(String language) {
        Properties file = languages.get(language);
        return keys().stream().filter(key -> file == null || file.getProperty(key, "").isBlank())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** The keys of the German file: every text there is. */
    public Set<String> keys() {
        return languages.get(LocalizedText.DEFAULT_LANGUAGE).stringPropertyNames();
    }

    private static Properties read(URL url) {
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }
}
