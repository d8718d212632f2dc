package org.openikfz.api.value;

import java.util.regex.Pattern;

/**
 * The vehicle class (Fahrzeugklasse, field J of the Zulassungsbescheinigung), as far as the value
 * types need it: a Wechselkennzeichen may only be assigned to vehicles of the classes M1, L and O1
 * ({@link #isWechselkennzeichenAllowed()}).
 */
public enum Fahrzeugklasse {
    /** Passenger cars: at most 8 seats besides the driver's. */
    M1,
    /** Buses up to 5 t. */
    M2,
    /** Buses over 5 t. */
    M3,
    /** Goods vehicles up to 3.5 t. */
    N1,
    /** Goods vehicles over 3.5 t up to 12 t. */
    N2,
    /** Goods vehicles over 12 t. */
    N3,
    /** Two-, three- and light four-wheeled vehicles (L1e–L7e: mopeds, motorcycles, quads). */
    L,
    /** Trailers up to 0.75 t. */
    O1,
    /** Trailers over 0.75 t up to 3.5 t. */
    O2,
    /** Trailers over 3.5 t up to 10 t. */
    O3,
    /** Trailers over 10 t. */
    O4,
    /** Agricultural and forestry tractors on wheels (T1–T5). */
    T,
    /** Agricultural and forestry tractors on tracks. */
    C,
    /** Agricultural and forestry trailers. */
    R,
    /** Interchangeable towed agricultural and forestry machinery. */
    S;

    private static final Pattern L_CLASS = Pattern.compile("L([1-7]E?)?");
    private static final Pattern M_N_CLASS = Pattern.compile("[MN][1-3]G?");
    private static final Pattern O_CLASS = Pattern.compile("O[1-4]");
    private static final Pattern AGRICULTURAL = Pattern.compile("[TC]([1-5][AB]?)?|[RS]([1-4][AB]?)?");

    /** Whether a Wechselkennzeichen may be assigned to vehicles of this class (M1, L, O1). */
    public boolean isWechselkennzeichenAllowed() {
        return this == M1 || this == L || this == O1;
    }

    /**
     * The class in {@code text} as written in field J, case-insensitive: e.g. {@code "M1"},
     * {@code "M1G"} (off-road, → M1), {@code "L3e"} (→ L), {@code "O1"}, {@code "T1b"} (→ T).
     *
     * @throws ValueValidationException when the text is not a known class
     */
    public static Fahrzeugklasse of(String text) {
        String s = Inputs.upperCase(Inputs.stripSpaces(text));
        if (s.isEmpty()) {
            throw new ValueValidationException("fahrzeugklasse.empty");
        }
        if (L_CLASS.matcher(s).matches()) {
            return L;
        }
        if (M_N_CLASS.matcher(s).matches()) {
            return valueOf(s.substring(0, 2));
        }
        if (O_CLASS.matcher(s).matches()) {
            return valueOf(s);
        }
        if (AGRICULTURAL.matcher(s).matches()) {
            return valueOf(s.substring(0, 1));
        }
        throw new ValueValidationException("fahrzeugklasse.unknown", s);
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<Fahrzeugklasse> check(String text) {
        return ValidationResult.of(Fahrzeugklasse::of, text);
    }
}
