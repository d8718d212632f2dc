package org.openikfz.api.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An amtliches Kennzeichen (German licence plate number, FZV § 8, § 9, Anlage 4): the
 * Unterscheidungszeichen of the district (1–3 letters; Ä, Ö and Ü occur, e.g. "LÖ", "TÜ") and the
 * Erkennungsnummer (1–2 letters A–Z and a number of 1–4 digits without a leading zero). Together they
 * have at most 8 positions (letters and digits, separators not counted); a plate for an electric
 * vehicle ({@link Suffix#E}) or a historic vehicle ({@link Suffix#H}) has at most 7 positions
 * without the suffix.
 *
 * <p>A plate may further be a Saisonkennzeichen ({@link #withSaison(Saison)}, also together with E
 * or H) and a Wechselkennzeichen ({@link #asWechselkennzeichen(Fahrzeugklasse)}, only for vehicles
 * of the classes M1, L and O1).
 *
 * <p>Canonical form ({@link #formatted()}, {@link #toString()}): {@code "B-AB 1234"}, with the
 * suffix directly after the number: {@code "M-X 99H"}. The season and the Wechselkennzeichen are not
 * part of the text; they take part in {@link #equals(Object)}.
 */
public final class Kennzeichen {

    /** The most positions of a plate without E or H. */
    public static final int MAX_POSITIONS = 8;
    /** The most positions of an E or H plate, not counting the suffix. */
    public static final int MAX_POSITIONS_WITH_SUFFIX = 7;

    /** The letter after the number: none, E (electric vehicle) or H (historic vehicle, Oldtimer). */
    public enum Suffix {
        /** An ordinary plate. */
        NONE(""),
        /** Kennzeichen für elektrisch betriebene Fahrzeuge (E-Kennzeichen). */
        E("E"),
        /** Oldtimerkennzeichen (H-Kennzeichen). */
        H("H");

        private final String letter;

        Suffix(String letter) {
            this.letter = letter;
        }

        /** The letter on the plate, {@code ""} for {@link #NONE}. */
        public String letter() {
            return letter;
        }
    }

    private final String unterscheidungszeichen;
    private final String erkennungsbuchstaben;
    private final String erkennungszahl;
    private final Suffix suffix;
    private final Saison saison;
    private final Fahrzeugklasse wechselKlasse;

    private Kennzeichen(String unterscheidungszeichen, String erkennungsbuchstaben, String erkennungszahl,
            Suffix suffix, Saison saison, Fahrzeugklasse wechselKlasse) {
        this.unterscheidungszeichen = unterscheidungszeichen;
        this.erkennungsbuchstaben = erkennungsbuchstaben;
        this.erkennungszahl = erkennungszahl;
        this.suffix = suffix;
        this.saison = saison;
        this.wechselKlasse = wechselKlasse;
        validate();
    }

    /**
     * The plate in {@code text}, tolerant of case, spaces and hyphens: {@code "B-AB 1234"},
     * {@code "b ab1234"}, {@code "M-X 99H"}, {@code "LÖ-A 1"}. The district and the letters of the
     * Erkennungsnummer are told apart by a hyphen or space between them; without one, the text is
     * accepted only where the split is unambiguous ({@code "MX99"} is M-X 99, but {@code "BAB1234"}
     * could be B-AB or BA-B and is rejected with a message asking for the hyphen).
     *
     * @throws ValueValidationException when the text is not a plate
     */
    public static Kennzeichen of(String text) {
        return Parser.parse(text);
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<Kennzeichen> check(String text) {
        return ValidationResult.of(Kennzeichen::of, text);
    }

    /** This plate as a Saisonkennzeichen for {@code saison}. */
    public Kennzeichen withSaison(Saison saison) {
        Objects.requireNonNull(saison, "saison");
        return new Kennzeichen(unterscheidungszeichen, erkennungsbuchstaben, erkennungszahl, suffix, saison,
                wechselKlasse);
    }

    /**
     * This plate as a Saisonkennzeichen from month {@code firstMonth} to {@code lastMonth} (1–12).
     *
     * @throws ValueValidationException when the season is invalid, see {@link Saison#of(int, int)}
     */
    public Kennzeichen withSaison(int firstMonth, int lastMonth) {
        return withSaison(Saison.of(firstMonth, lastMonth));
    }

    /** This plate without a season. */
    public Kennzeichen withoutSaison() {
        return new Kennzeichen(unterscheidungszeichen, erkennungsbuchstaben, erkennungszahl, suffix, null,
                wechselKlasse);
    }

    /**
     * This plate as a Wechselkennzeichen (interchangeable plate for two vehicles of the same class).
     *
     * @param klasse the class of the vehicles
     * @throws ValueValidationException when the class is not M1, L or O1
     */
    public Kennzeichen asWechselkennzeichen(Fahrzeugklasse klasse) {
        Objects.requireNonNull(klasse, "klasse");
        return new Kennzeichen(unterscheidungszeichen, erkennungsbuchstaben, erkennungszahl, suffix, saison,
                klasse);
    }

    /** This plate as an ordinary plate, not a Wechselkennzeichen. */
    public Kennzeichen withoutWechselkennzeichen() {
        return new Kennzeichen(unterscheidungszeichen, erkennungsbuchstaben, erkennungszahl, suffix, saison,
                null);
    }

    private void validate() {
        int uz = unterscheidungszeichen.length();
        if (uz < 1 || uz > 3) {
            throw new ValueValidationException("kennzeichen.unterscheidungszeichenLength", uz);
        }
        int letters = erkennungsbuchstaben.length();
        if (letters < 1 || letters > 2) {
            throw new ValueValidationException("kennzeichen.erkennungsbuchstabenLength", letters);
        }
        if (!isPlainLetters(erkennungsbuchstaben)) {
            throw new ValueValidationException("kennzeichen.erkennungsbuchstabenUmlaut");
        }
        int digits = erkennungszahl.length();
        if (digits < 1 || digits > 4) {
            throw new ValueValidationException("kennzeichen.zahlLength", digits);
        }
        if (erkennungszahl.charAt(0) == '0') {
            throw new ValueValidationException("kennzeichen.leadingZero");
        }
        int positions = positions();
        if (suffix == Suffix.NONE && positions > MAX_POSITIONS) {
            throw new ValueValidationException("kennzeichen.tooLong", MAX_POSITIONS, positions);
        }
        if (suffix != Suffix.NONE && positions > MAX_POSITIONS_WITH_SUFFIX) {
            throw new ValueValidationException("kennzeichen.tooLongWithSuffix", MAX_POSITIONS_WITH_SUFFIX,
                    positions, suffix.letter());
        }
        if (wechselKlasse != null && !wechselKlasse.isWechselkennzeichenAllowed()) {
            throw new ValueValidationException("kennzeichen.wechselkennzeichenKlasse", wechselKlasse.name());
        }
    }

    static boolean isPlainLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** The Unterscheidungszeichen of the district, e.g. {@code "B"}, {@code "LÖ"}. */
    public String unterscheidungszeichen() {
        return unterscheidungszeichen;
    }

    /** The letters of the Erkennungsnummer, e.g. {@code "AB"}. */
    public String erkennungsbuchstaben() {
        return erkennungsbuchstaben;
    }

    /** The number of the Erkennungsnummer, 1–9999. */
    public int erkennungszahl() {
        return Integer.parseInt(erkennungszahl);
    }

    /** The Erkennungsnummer with its suffix, e.g. {@code "AB 1234"}, {@code "X 99H"}. */
    public String erkennungsnummer() {
        return erkennungsbuchstaben + " " + erkennungszahl + suffix.letter();
    }

    /** The suffix: none, E or H. */
    public Suffix suffix() {
        return suffix;
    }

    /** Whether this is an E-Kennzeichen (electric vehicle). */
    public boolean isElektro() {
        return suffix == Suffix.E;
    }

    /** Whether this is an H-Kennzeichen (Oldtimerkennzeichen). */
    public boolean isHistorisch() {
        return suffix == Suffix.H;
    }

    /** The season, when this is a Saisonkennzeichen. */
    public Optional<Saison> saison() {
        return Optional.ofNullable(saison);
    }

    /** Whether this is a Saisonkennzeichen. */
    public boolean isSaison() {
        return saison != null;
    }

    /** Whether this is a Wechselkennzeichen. */
    public boolean isWechselkennzeichen() {
        return wechselKlasse != null;
    }

    /** The vehicle class of a Wechselkennzeichen (M1, L or O1); empty for other plates. */
    public Optional<Fahrzeugklasse> wechselkennzeichenKlasse() {
        return Optional.ofNullable(wechselKlasse);
    }

    /** The number of positions: letters and digits, without separators and suffix. */
    public int positions() {
        return unterscheidungszeichen.length() + erkennungsbuchstaben.length() + erkennungszahl.length();
    }

    /** The canonical text, e.g. {@code "B-AB 1234"}, {@code "M-X 99H"}. */
    public String formatted() {
        return unterscheidungszeichen + "-" + erkennungsnummer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kennzeichen k
                && unterscheidungszeichen.equals(k.unterscheidungszeichen)
                && erkennungsbuchstaben.equals(k.erkennungsbuchstaben)
                && erkennungszahl.equals(k.erkennungszahl)
                && suffix == k.suffix
                && Objects.equals(saison, k.saison)
                && wechselKlasse == k.wechselKlasse;
    }

    @Override
    public int hashCode() {
        return Objects.hash(unterscheidungszeichen, erkennungsbuchstaben, erkennungszahl, suffix, saison,
                wechselKlasse);
    }

    /** The canonical text, see {@link #formatted()}. */
    @Override
    public String toString() {
        return formatted();
    }

    /** Reads a plate from user text. */
    private static final class Parser {

        private enum Type { LETTERS, DIGITS }

        private record Group(Type type, String text) {
        }

        static Kennzeichen parse(String text) {
            String s = text == null ? "" : Inputs.upperCase(text).strip();
            if (s.isEmpty()) {
                throw new ValueValidationException("kennzeichen.empty");
            }
            List<Group> groups = groups(s);

            int i = 0;
            List<String> letterGroups = new ArrayList<>();
            while (i < groups.size() && groups.get(i).type() == Type.LETTERS) {
                letterGroups.add(groups.get(i++).text());
            }
            StringBuilder digits = new StringBuilder();
            while (i < groups.size() && groups.get(i).type() == Type.DIGITS) {
                digits.append(groups.get(i++).text()); // "B-AB 12 34" is B-AB 1234
            }
            if (letterGroups.isEmpty()) {
                throw new ValueValidationException("kennzeichen.format");
            }
            if (digits.isEmpty()) {
                throw new ValueValidationException("kennzeichen.missingNumber");
            }
            Suffix suffix = Suffix.NONE;
            if (i < groups.size()) {
                String after = groups.get(i++).text();
                suffix = switch (after) {
                    case "E" -> Suffix.E;
                    case "H" -> Suffix.H;
                    default -> throw new ValueValidationException("kennzeichen.suffix", after);
                };
            }
            if (i < groups.size() || letterGroups.size() > 2) {
                throw new ValueValidationException("kennzeichen.format");
            }
            String number = digits.toString();
            if (letterGroups.size() == 2) {
                return new Kennzeichen(letterGroups.get(0), letterGroups.get(1), number, suffix, null, null);
            }
            return split(letterGroups.get(0), number, suffix);
        }

        /** Splits letters given without a separator into district and Erkennungsnummer. */
        private static Kennzeichen split(String letters, String number, Suffix suffix) {
            int n = letters.length();
            if (n == 1) {
                throw new ValueValidationException("kennzeichen.erkennungsbuchstabenMissing");
            }
            if (n > 5) {
                throw new ValueValidationException("kennzeichen.tooManyLetters", n);
            }
            List<Integer> splits = new ArrayList<>(); // lengths of the district part
            for (int uz = 1; uz <= 3; uz++) {
                int rest = n - uz;
                if (rest >= 1 && rest <= 2) {
                    splits.add(uz);
                }
            }
            List<Integer> plain = splits.stream()
                    .filter(uz -> isPlainLetters(letters.substring(uz)))
                    .toList();
            // "TÜA1" can only be TÜ-A 1: umlauts occur in the district only
            List<Integer> candidates = plain.isEmpty() ? splits : plain;
            if (candidates.size() > 1) {
                throw new ValueValidationException("kennzeichen.ambiguous",
                        text(letters, candidates.get(0), number, suffix),
                        text(letters, candidates.get(1), number, suffix));
            }
            int uz = candidates.get(0);
            return new Kennzeichen(letters.substring(0, uz), letters.substring(uz), number, suffix, null, null);
        }

        private static String text(String letters, int uz, String number, Suffix suffix) {
            return letters.substring(0, uz) + "-" + letters.substring(uz) + " " + number + suffix.letter();
        }

        private static List<Group> groups(String s) {
            List<Group> groups = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (isSeparator(c)) {
                    i++;
                    continue;
                }
                Type type;
                if (isLetter(c)) {
                    type = Type.LETTERS;
                } else if (c >= '0' && c <= '9') {
                    type = Type.DIGITS;
                } else {
                    throw new ValueValidationException("kennzeichen.invalidCharacter", String.valueOf(c));
                }
                int start = i;
                while (i < s.length() && type == typeOf(s.charAt(i))) {
                    i++;
                }
                groups.add(new Group(type, s.substring(start, i)));
            }
            return groups;
        }

        private static Type typeOf(char c) {
            return isLetter(c) ? Type.LETTERS : (c >= '0' && c <= '9') ? Type.DIGITS : null;
        }

        private static boolean isLetter(char c) {
            return (c >= 'A' && c <= 'Z') || c == 'Ä' || c == 'Ö' || c == 'Ü';
        }

        private static boolean isSeparator(char c) {
            return c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013'
                    || Inputs.isSpace(c);
        }
    }
}
