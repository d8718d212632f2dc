package org.openikfz.api.value;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An input that is not a valid value of its type. It carries a message key and its arguments; the
 * text for a citizen comes from the resource bundle {@code org/openikfz/api/value/messages} (German,
 * the default) and {@code messages_en} (English), see {@link #getMessage(Locale)}.
 *
 * <p>The message says what is wrong and how to fix it. It never contains a security code or an
 * IBAN, and the exception never carries a cause from a library whose message could contain one.
 */
public class ValueValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The base name of the message bundles. */
    public static final String BUNDLE_BASE_NAME = "org.openikfz.api.value.messages";

    /** German: the language of the default bundle and of {@link #getMessage()}. */
    public static final Locale DEFAULT_LOCALE = Locale.GERMAN;

    /* The bundles by file name; empty when there is no such file. */
    private static final Map<String, Optional<ResourceBundle>> BUNDLES = new ConcurrentHashMap<>();

    private final String key;
    private final Object[] arguments;

    /**
     * @param key       a key of the message bundles, e.g. {@code "fin.length"}
     * @param arguments the {@link MessageFormat} arguments of the message; never a secret value
     */
    ValueValidationException(String key, Object... arguments) {
        super(key);
        this.key = Objects.requireNonNull(key, "key");
        this.arguments = arguments == null ? new Object[0] : arguments.clone();
    }

    /** The message key, e.g. {@code "zb1code.length"}; stable, for programs and tests. */
    public String key() {
        return key;
    }

    /** The arguments of the message, in order. */
    public List<Object> arguments() {
        return List.copyOf(Arrays.asList(arguments));
    }

    /**
     * The message for a citizen in the language of {@code locale}; German when the language is not
     * available or {@code locale} is {@code null}.
     */
    public String getMessage(Locale locale) {
        Locale effective = locale == null ? DEFAULT_LOCALE : locale;
        for (String file : candidateFiles(effective)) {
            Optional<ResourceBundle> bundle = BUNDLES.computeIfAbsent(file, ValueValidationException::load);
            if (bundle.isPresent() && bundle.get().containsKey(key)) {
                return new MessageFormat(bundle.get().getString(key), effective).format(arguments);
            }
        }
        return key; // a missing text must not hide the error itself
    }

    /*
     * The bundle files are read directly rather than with ResourceBundle.getBundle: getBundle falls
     * back to the JVM's default locale (an English server would answer German requests in English),
     * and the ResourceBundle.Control that prevents this is not supported in named modules (bnd adds a
     * module-info). Class.getResourceAsStream works on the class path, the module path and in OSGi.
     * Lookup order as in ResourceBundle: messages_de_AT, messages_de, messages (German).
     */
    private static List<String> candidateFiles(Locale locale) {
        String base = BUNDLE_BASE_NAME.substring(BUNDLE_BASE_NAME.lastIndexOf('.') + 1);
        List<String> files = new ArrayList<>(3);
        String language = locale.getLanguage();
        if (!language.isEmpty()) {
            if (!locale.getCountry().isEmpty()) {
                files.add(base + "_" + language + "_" + locale.getCountry() + ".properties");
            }
            files.add(base + "_" + language + ".properties");
        }
        files.add(base + ".properties");
        return files;
    }

    private static Optional<ResourceBundle> load(String file) {
        try (InputStream in = ValueValidationException.class.getResourceAsStream(file)) {
            if (in == null) {
                return Optional.empty();
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Optional.of(new PropertyResourceBundle(reader));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The German message. */
    @Override
    public String getMessage() {
        return getMessage(DEFAULT_LOCALE);
    }

    /** The German message (the portal speaks German first; use {@link #getMessage(Locale)}). */
    @Override
    public String getLocalizedMessage() {
        return getMessage(DEFAULT_LOCALE);
    }
}
