package org.openikfz.core.internal.dialog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openikfz.api.check.Facts;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.Registration;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Evb;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Iban;
import org.openikfz.api.value.Kennzeichen;
import org.openikfz.api.value.PlakettenCode;
import org.openikfz.api.value.Zb1Code;
import org.openikfz.api.value.Zb2Code;

/**
 * The dialog's rules, one implementation: edge validation of answers by their field's value type,
 * which answers count (visibility), what is still missing, which fields are secret, and the layout
 * of the dialog data (answers, the engine's own items with a leading underscore). The dialog data
 * are personal data and go in one statement (FZV § 19(1) S. 6).
 */
public final class DialogRules {

    /** The plate a decision is about. */
    public static final String DECIDED_PLATE = "_decision.kennzeichen";
    /** The findings of the last verification (FZV § 20(4)). */
    public static final String FINDINGS = "_findings";
    /** The fee lines after a clear verification (FZV § 20(5)). */
    public static final String FEES = "_fees";
    /** Set once a verification ran: the next one is a correction. */
    public static final String VERIFIED = "_verified";
    /** The identity from the eID (FZV § 20(1)). */
    public static final String IDENTITY = "_identity.";
    /** The clerk's reason and name for the letter. */
    public static final String CLERK_REASON = "_clerk.reason";
    public static final String CLERK_NAME = "_clerk.name";
    /** Where the clerk's written decision goes, as the clerk entered or confirmed it (name, street, postalCode, city). */
    public static final String CLERK_ADDRESSEE = "_clerk.addressee.";
    /** Facts the checks established (Anlage 11). */
    public static final String FACT = "_fact.";
    /** Why the machine could not decide (for the clerks, never shown to the applicant as such). */
    public static final String NOT_DECIDABLE_REASONS = "_notDecidable.reasons";
    /** The same for the clerks, in German, one per line (the checks' own texts where they give one). */
    public static final String CLERK_REASONS = "_clerk.reasons";
    /** What the identity-only checks opposed right after the login: cannot be corrected online (FZV §§ 20(1), 21). */
    public static final String STOPS = "_stops";
    /** The applicant withdrew the application. */
    public static final String WITHDRAWN = "_withdrawn";
    /**
     * A security code sealed for a re-run of the checks while the case is with the clerks (AES-GCM, the key outside the
     * database); deleted when a clerk decides, and with the dialog data.
     */
    public static final String SEALED = "_sealed.";
    /** When the clerks last ran the checks again (an instant), for the case file. */
    public static final String RECHECKED = "_clerk.rechecked";
    /** The e-mail address the applicant asked confirmations to go to (deleted with the dialog data). */
    public static final String CONFIRMATIONS_TO = "_contact.email";

    private DialogRules() {
    }

    /** A hash over the answers that count, in canonical order: binds payment and decision to what was checked. */
    public static String answersHash(Answers answers) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(answers.values()).forEach((k, v) -> text.append(k).append('\u0000').append(v).append('\u0001'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answers of the given data that are not secret (codes, IBAN): what checks once served may keep. */
    public static Answers withoutSecrets(ProcedureDescription description, Answers answers) {
        Map<String, String> kept = new HashMap<>();
        answers.values().forEach((k, v) -> {
            if (description.dialog().field(k).map(f -> !f.type().secret()).orElse(false)) {
                kept.put(k, v);
            }
        });
        return new Answers(kept);
    }

    public static List<String> missingRequired(ProcedureDescription description, Answers answers) {
        List<String> missing = new ArrayList<>();
        for (DialogStep step : description.dialog().steps()) {
            if (!step.visible(answers)) {
                continue;
            }
            for (Field field : step.fields()) {
                if (field.required() && field.visible(answers) && answers.get(field.id()).map(String::isBlank).orElse(true)) {
                    missing.add(field.label().get(Locale.GERMAN));
                }
            }
        }
        return missing;
    }

    /** Edge validation: each answer is parsed by its field's value type and kept in canonical form. */
    public static String normalize(Field field, String value) {
        return switch (field.type()) {
            case KENNZEICHEN -> Kennzeichen.of(value).formatted();
            case FIN -> Fin.of(value).value();
            case PLAKETTEN_CODE, PLAKETTEN_CODE_FRONT, PLAKETTEN_CODE_REAR, PLAKETTEN_CODE_SHARED_PART -> PlakettenCode.of(value).value();
            case ZB1_CODE -> Zb1Code.of(value).value();
            case ZB2_CODE -> Zb2Code.of(value).value();
            case EVB -> Evb.of(value).value();
            case IBAN -> Iban.of(value).value();
            case DATE -> date(value).toString();
            case MONTH -> month(value).toString();
            case YES_NO -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "ja", "yes" -> "true";
                case "false", "nein", "no" -> "false";
                default -> throw new IllegalArgumentException("not yes/no");
            };
            case CHOICE -> field.choices().stream().filter(c -> c.value().equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a choice")).value();
            case TEXT -> text(value);
        };
    }

    /** The longest free-text answer, in characters (code points). */
    public static final int MAX_TEXT = 200;

    /**
     * A free-text answer: at most {@value #MAX_TEXT} characters, composed (NFC), and printable only. Control
     * characters (NUL, line breaks, ...), format characters (the bidi overrides such as U+202E that make a text read
     * differently than it is stored, zero-width characters), private-use, unassigned and lone surrogate code points
     * are refused: they end up in letters, PDFs and the authority's Fachverfahren.
     */
    public static String text(String value) {
        String composed = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFC);
        if (composed.codePointCount(0, composed.length()) > MAX_TEXT) {
            throw new InvalidAnswer(LocalizedText.of("Diese Angabe ist zu lang (höchstens " + MAX_TEXT + " Zeichen).",
                    "This entry is too long (" + MAX_TEXT + " characters at most)."));
        }
        boolean printable = composed.codePoints().allMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        });
        if (!printable) {
            throw new InvalidAnswer(LocalizedText.of(
                    "Diese Angabe enthält Zeichen, die nicht erlaubt sind (zum Beispiel Steuer- oder Richtungszeichen). Bitte geben "
                            + "Sie nur Buchstaben, Ziffern und übliche Satzzeichen ein.",
                    "This entry contains characters that are not allowed (such as control or direction characters). Please use "
                            + "letters, digits and common punctuation only."));
        }
        return composed;
    }

    /** An answer refused with its own message for the applicant. */
    public static final class InvalidAnswer extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final transient LocalizedText text;

        InvalidAnswer(LocalizedText text) {
            super(text.get(Locale.ENGLISH));
            this.text = text;
        }

        public LocalizedText text() {
            return text;
        }
    }

    /** The first and last year a date or month answer may name (documented in the OpenAPI description). */
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2100;

    /**
     * A calendar date as the dialog takes it, {@code 2026-12-05} or {@code 5.12.2026}, in the years 1900 to 2100: no
     * date a vehicle's papers carry is older, no deadline of the procedures lies further ahead, and
     * {@code +99999-01-01} is no date anyone means.
     */
    public static LocalDate date(String value) {
        String v = value.strip();
        java.util.regex.Matcher german = java.util.regex.Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})").matcher(v);
        LocalDate date;
        try {
            if (german.matches()) {
                date = LocalDate.of(Integer.parseInt(german.group(3)), Integer.parseInt(german.group(2)), Integer.parseInt(german.group(1)));
            } else if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                date = LocalDate.parse(v);
            } else {
                throw new IllegalArgumentException("not a date");
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a date", e); // 30 February and the like
        }
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw new IllegalArgumentException("not a date");
        }
        return date;
    }

    /** A month of a year, {@code 2027-04}, {@code 04.2027} or {@code 4/2027}, in the years 1900 to 2100 like {@link #date}. */
    public static YearMonth month(String value) {
        java.util.regex.Matcher german = java.util.regex.Pattern.compile("(\\d{1,2})\\s*[./]\\s*(\\d{4})").matcher(value);
        YearMonth month;
        try {
            if (german.matches()) {
                month = YearMonth.of(Integer.parseInt(german.group(2)), Integer.parseInt(german.group(1)));
            } else if (value.strip().matches("\\d{4}-\\d{2}")) {
                month = YearMonth.parse(value.strip());
            } else {
                throw new IllegalArgumentException("not a month");
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a month", e); // month 13 and the like
        }
        if (month.getYear() < FIRST_YEAR || month.getYear() > LAST_YEAR) {
            throw new IllegalArgumentException("not a month");
        }
        return month;
    }

    public static LocalizedText invalidAnswer(Field field) {
        return switch (field.type()) {
            case DATE -> LocalizedText.of("Bitte geben Sie ein Datum zwischen 1900 und 2100 an (TT.MM.JJJJ).",
                    "Please enter a date between 1900 and 2100.");
            case MONTH -> LocalizedText.of("Bitte geben Sie Monat und Jahr (1900 bis 2100) an, zum Beispiel 04.2027.",
                    "Please enter month and year (1900 to 2100), e.g. 04.2027.");
            case YES_NO -> LocalizedText.of("Bitte wählen Sie Ja oder Nein.", "Please choose yes or no.");
            case CHOICE -> LocalizedText.of("Bitte wählen Sie eine der Möglichkeiten.", "Please choose one of the options.");
            default -> LocalizedText.of("Diese Angabe ist zu lang (höchstens 200 Zeichen).",
                    "This entry is too long (200 characters at most).");
        };
    }

    /**
     * The answers to the steps and fields that are shown for them: an answer given before the applicant
     * changed an earlier one (and so hid its field) takes no part in checks, fees or the transfer.
     */
    public static Answers visibleAnswers(ProcedureDescription description, Answers answers) {
        Answers current = answers;
        while (true) {
            Map<String, String> kept = new HashMap<>();
            for (DialogStep step : description.dialog().steps()) {
                if (!step.visible(current)) {
                    continue;
                }
                for (Field field : step.fields()) {
                    if (field.visible(current)) {
                        current.get(field.id()).ifPresent(v -> kept.put(field.id(), v));
                    }
                }
            }
            if (kept.equals(current.values())) {
                return current;
            }
            current = new Answers(kept);
        }
    }

    public static Answers answersOf(Map<String, String> data) {
        Map<String, String> answers = new HashMap<>();
        data.forEach((k, v) -> {
            if (!k.startsWith("_") && !v.isEmpty()) {
                answers.put(k, v);
            }
        });
        return new Answers(answers);
    }

    /** The first visible answer of a field type; for plates the vehicle's present plate, not a chosen one. */
    public static Optional<String> answerOfType(ProcedureDescription description, Answers answers, FieldType type) {
        return description.dialog().steps().stream().filter(s -> s.visible(answers)).flatMap(s -> s.fields().stream())
                .filter(f -> f.type() == type && f.visible(answers) && !f.id().equals(Registration.WUNSCHKENNZEICHEN))
                .map(f -> answers.get(f.id())).flatMap(Optional::stream).findFirst();
    }

    /** The plate a decision is about: the one assigned or reserved for it, else the vehicle's present plate. */
    public static Optional<String> decidedPlate(ProcedureDescription description, Answers answers, Map<String, String> facts) {
        String assigned = facts.get(Facts.KENNZEICHEN_ZUGETEILT);
        return assigned != null && !assigned.isEmpty() ? Optional.of(assigned)
                : answerOfType(description, answers, FieldType.KENNZEICHEN);
    }

    public static Map<String, String> factsOf(Map<String, String> data) {
        Map<String, String> facts = new HashMap<>();
        data.forEach((k, v) -> {
            if (k.startsWith(FACT) && !v.isEmpty()) {
                facts.put(k.substring(FACT.length()), v);
            }
        });
        return facts;
    }

    /** The applicant as identified (FZV § 20(1)): kept in the dialog data, deleted with them. */
    public static Optional<VerifiedIdentity> identityOf(Map<String, String> data) {
        String level = data.get(IDENTITY + "level");
        if (level == null) {
            return Optional.empty();
        }
        String born = data.get(IDENTITY + "dateOfBirth");
        Holder person = new Holder(data.getOrDefault(IDENTITY + "name", ""), data.get(IDENTITY + "street"),
                data.get(IDENTITY + "postalCode"), data.get(IDENTITY + "city"), born == null ? null : LocalDate.parse(born));
        return Optional.of(new VerifiedIdentity(data.getOrDefault(IDENTITY + "subject", "unknown"), person, level,
                Boolean.parseBoolean(data.get(IDENTITY + "organisation"))));
    }

    /** Where the clerk's written decision goes ({@link #CLERK_ADDRESSEE}), if a clerk decided. */
    public static Optional<Holder> clerkAddresseeOf(Map<String, String> data) {
        String name = data.get(CLERK_ADDRESSEE + "name");
        return name == null ? Optional.empty() : Optional.of(new Holder(name, data.get(CLERK_ADDRESSEE + "street"),
                data.get(CLERK_ADDRESSEE + "postalCode"), data.get(CLERK_ADDRESSEE + "city"), null));
    }

    /** The entries of {@link #CLERK_ADDRESSEE} for an address. */
    public static Map<String, String> clerkAddressee(Holder to) {
        return Map.of(CLERK_ADDRESSEE + "name", to.name(), CLERK_ADDRESSEE + "street", to.street(), CLERK_ADDRESSEE + "postalCode",
                to.postalCode(), CLERK_ADDRESSEE + "city", to.city());
    }

    /** The ids of the fields whose answers are never kept after use (codes, IBAN). */
    public static List<String> secretFields(ProcedureDescription description) {
        List<String> secret = new ArrayList<>();
        for (DialogStep step : description.dialog().steps()) {
            for (Field field : step.fields()) {
                if (field.type().secret()) {
                    secret.add(field.id());
                }
            }
        }
        return secret;
    }

}
