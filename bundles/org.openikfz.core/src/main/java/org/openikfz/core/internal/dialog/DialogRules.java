package org.openikfz.core.internal.dialog;

import org.openikfz.api.dialog.SharedFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
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
import org.openikfz.api.dialog.InvalidAnswerException;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.text.LocalizedText;

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
    /**
     * Set by an opposed verification, removed once an answer changes: the same answers are not verified again (a
     * second click, a client that retries), which would use a correction that corrects nothing (FZV § 20(4) S. 3).
     */
    public static final String OPPOSED_AS_GIVEN = "_opposed";
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
    /**
     * The page of the payment started last and the amount it is for: asked to pay again while that payment is still open,
     * the applicant gets the same page, not a second payment (FZV § 20(5): the fees once).
     */
    public static final String PAYMENT_PAGE = "_payment.page";
    public static final String PAYMENT_AMOUNT = "_payment.amount";
    /** The e-mail address the applicant asked confirmations to go to (deleted with the dialog data). */
    public static final String CONFIRMATIONS_TO = "_contact.email";

    private DialogRules() {
    }

    /** FZV § 20(4) S. 3: whether the answers are still those an opposed verification checked (nothing corrected since). */
    public static boolean unchangedSinceOpposed(Map<String, String> data) {
        return "true".equals(data.get(OPPOSED_AS_GIVEN));
    }

    /** The items to write for these answers: with the mark removed when one of them corrects what was opposed. */
    public static Map<String, String> withCorrection(Map<String, String> data, Map<String, String> answers) {
        if (!unchangedSinceOpposed(data) || answers.entrySet().stream().allMatch(e -> e.getValue().equals(data.getOrDefault(e.getKey(), "")))) {
            return answers;
        }
        Map<String, String> written = new HashMap<>(answers);
        written.put(OPPOSED_AS_GIVEN, "");
        return written;
    }

    /** Notes a verification's outcome in the items it writes: the mark set when it opposed, else removed (if there). */
    public static void noteOutcome(Map<String, String> written, Map<String, String> data, boolean opposed) {
        if (opposed) {
            written.put(OPPOSED_AS_GIVEN, "true");
        } else if (data.containsKey(OPPOSED_AS_GIVEN)) {
            written.put(OPPOSED_AS_GIVEN, "");
        }
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

    /**
     * Edge validation: each answer is checked by its field's type and kept in canonical form.
     *
     * @throws InvalidAnswerException with the applicant's message
     */
    public static String normalize(Field field, String value) {
        return field.type().normalise(value, field);
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
                .filter(f -> f.type() == type && f.visible(answers) && !f.id().equals(SharedFields.WUNSCHKENNZEICHEN))
                .map(f -> answers.get(f.id())).flatMap(Optional::stream).findFirst();
    }

    /** The plate a decision is about: the one assigned or reserved for it, else the vehicle's present plate. */
    public static Optional<String> decidedPlate(ProcedureDescription description, Answers answers, Map<String, String> facts) {
        String assigned = facts.get(Facts.KENNZEICHEN_ZUGETEILT.name());
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
