package org.openikfz.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openikfz.api.application.DocumentKind;

class UiTextsTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = UiTexts.class.getResourceAsStream(name)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyTextExistsInGermanAndEnglish() throws IOException {
        Properties german = load("/org/openikfz/ui/texts.properties");
        Properties english = load("/org/openikfz/ui/texts_en.properties");
        assertFalse(german.isEmpty());
        assertEquals(new TreeSet<>(german.stringPropertyNames()), new TreeSet<>(english.stringPropertyNames()));
    }

    @Test
    void germanIsTheDefaultAndOtherLanguagesFallBackToIt() {
        UiTexts texts = new UiTexts();
        assertEquals(Locale.GERMAN, texts.getProvidedLocales().get(0));
        assertEquals("Verfügbare Verfahren", texts.getTranslation("home.procedures", Locale.GERMANY));
        assertEquals("Available procedures", texts.getTranslation("home.procedures", Locale.UK));
        assertEquals("Verfügbare Verfahren", texts.getTranslation("home.procedures", Locale.FRENCH));
        assertEquals("Schritt 2 von 3", texts.getTranslation("procedure.stepOf", Locale.GERMAN, 2, 3));
        assertEquals("!no.such.key", texts.getTranslation("no.such.key", Locale.GERMAN));
    }

    @Test
    void everyKeyTheViewsAskForExists() throws IOException {
        Set<String> keys = load("/org/openikfz/ui/texts.properties").stringPropertyNames();
        Pattern call = Pattern.compile("getTranslation\\(\\s*\"([^\"]+)\"\\s*[,)]"); // whole keys, not "prefix." + ...
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(source));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(m.group(1) + " (" + source.getFileName() + ")");
                    }
                }
            }
        }
        for (DocumentKind kind : DocumentKind.values()) {
            if (!keys.contains("document." + kind.name())) {
                missing.add("document." + kind.name() + " (the link of each document)");
            }
        }
        assertEquals(Set.of(), missing);
    }
}
