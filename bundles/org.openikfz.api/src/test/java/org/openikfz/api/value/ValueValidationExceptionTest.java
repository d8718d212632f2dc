package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ValueValidationExceptionTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ValueValidationExceptionTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, name);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void germanAndEnglishHaveTheSameKeys() throws IOException {
        Properties de = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertEquals(de.stringPropertyNames(), en.stringPropertyNames());
        for (String key : de.stringPropertyNames()) {
            new MessageFormat(de.getProperty(key), Locale.GERMAN); // valid patterns
            new MessageFormat(en.getProperty(key), Locale.ENGLISH);
            assertFalse(de.getProperty(key).isBlank(), key);
            assertFalse(en.getProperty(key).isBlank(), key);
        }
    }

    @Test
    void germanIsTheDefault() {
        ValueValidationException e = new ValueValidationException("zb1code.length", 6);
        String german = "Der Sicherheitscode der Zulassungsbescheinigung Teil I hat 7 Zeichen. Sie haben 6 eingegeben.";
        assertEquals(german, e.getMessage());
        assertEquals(german, e.getLocalizedMessage());
        assertEquals(german, e.getMessage(Locale.GERMAN));
        assertEquals(german, e.getMessage(Locale.GERMANY));
        assertEquals(german, e.getMessage((Locale) null));
        assertEquals(german, e.getMessage(Locale.FRENCH)); // no French: German, not the JVM default
    }

    @Test
    void english() {
        ValueValidationException e = new ValueValidationException("zb1code.length", 6);
        String english = "The security code of the registration certificate part I has 7 characters. You entered 6.";
        assertEquals(english, e.getMessage(Locale.ENGLISH));
        assertEquals(english, e.getMessage(Locale.UK));
        assertEquals(english, e.getMessage(Locale.US));
    }

    @Test
    void independentOfTheJvmDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);
            ValueValidationException e = new ValueValidationException("evb.empty");
            assertTrue(e.getMessage().startsWith("Bitte geben Sie die eVB-Nummer ein."), e.getMessage());
            assertTrue(e.getMessage(Locale.GERMAN).startsWith("Bitte"), e.getMessage(Locale.GERMAN));
            Locale.setDefault(Locale.GERMAN);
            assertTrue(e.getMessage(Locale.ENGLISH).startsWith("Please"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void umlautsAreReadAsUtf8() {
        ValueValidationException e = new ValueValidationException("kennzeichen.erkennungsbuchstabenUmlaut");
        assertTrue(e.getMessage().contains("(Ä, Ö, Ü)"), e.getMessage());
    }

    @Test
    void unknownKeyFallsBackToTheKey() {
        ValueValidationException e = new ValueValidationException("no.such.key", 1);
        assertEquals("no.such.key", e.getMessage());
        assertEquals("no.such.key", e.key());
    }

    @Test
    void isAnIllegalArgumentExceptionWithKeyAndArguments() {
        ValueValidationException e = new ValueValidationException("iban.length", "DE", 22, 21);
        assertInstanceOf(IllegalArgumentException.class, e);
        assertEquals("iban.length", e.key());
        assertEquals(java.util.List.of("DE", 22, 21), e.arguments());
    }

    @Test
    void validationResult() {
        ValidationResult<Evb> ok = Evb.check("A1B2C3D");
        assertTrue(ok.isValid());
        assertEquals(java.util.Optional.empty(), ok.message(Locale.GERMAN));
        ValidationResult<Evb> bad = Evb.check("A1");
        assertInstanceOf(ValidationResult.Invalid.class, bad);
        assertEquals("evb.length", ((ValidationResult.Invalid<Evb>) bad).error().key());
        String text = switch (bad) {
            case ValidationResult.Valid<Evb> v -> v.value().toString();
            case ValidationResult.Invalid<Evb> i -> i.error().getMessage(Locale.ENGLISH);
        };
        assertEquals("The eVB number has 7 characters. You entered 2.", text);
    }
}
