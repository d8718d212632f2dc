package org.openikfz.api.value;

import java.time.Month;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operating season of a Saisonkennzeichen: the vehicle may be used from the first day of
 * {@code firstMonth} to the last day of {@code lastMonth}, every year. The season spans at least 2
 * and at most 11 months; it may run over the turn of the year (e.g. October to March).
 *
 * @param firstMonth the first month of the season (the upper number on the plate)
 * @param lastMonth  the last month of the season (the lower number on the plate)
 */
public record Saison(Month firstMonth, Month lastMonth) {

    /** The shortest season in months. */
    public static final int MIN_MONTHS = 2;
    /** The longest season in months (12 months is an ordinary plate). */
    public static final int MAX_MONTHS = 11;

    private static final Pattern TEXT = Pattern.compile("(\\d{1,2})\\s*[-–/]\\s*(\\d{1,2})");

    /** Validates; see {@link #of(int, int)}. */
    public Saison {
        Objects.requireNonNull(firstMonth, "firstMonth");
        Objects.requireNonNull(lastMonth, "lastMonth");
        int months = count(firstMonth, lastMonth);
        if (months < MIN_MONTHS || months > MAX_MONTHS) {
            throw new ValueValidationException("saison.duration", months);
        }
    }

    /**
     * The season from month {@code firstMonth} to month {@code lastMonth}, both 1–12.
     *
     * @throws ValueValidationException when a month is out of range or the season is shorter than
     *                                  2 or longer than 11 months
     */
    public static Saison of(int firstMonth, int lastMonth) {
        return new Saison(month(firstMonth), month(lastMonth));
    }

    /**
     * The season in {@code text}, written "from-to" as on the plate, e.g. {@code "04-10"} or
     * {@code "4/10"}.
     *
     * @throws ValueValidationException when the text is not such a season
     */
    public static Saison of(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new ValueValidationException("saison.format");
        }
        return of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<Saison> check(String text) {
        return ValidationResult.of(Saison::of, text);
    }

    private static Month month(int month) {
        if (month < 1 || month > 12) {
            throw new ValueValidationException("saison.monthRange", month);
        }
        return Month.of(month);
    }

    private static int count(Month first, Month last) {
        return Math.floorMod(last.getValue() - first.getValue(), 12) + 1;
    }

    /** The number of months of the season, 2–11. */
    public int monthCount() {
        return count(firstMonth, lastMonth);
    }

    /** Whether {@code month} lies in the season. */
    public boolean contains(Month month) {
        return Math.floorMod(month.getValue() - firstMonth.getValue(), 12) < monthCount();
    }

    /** The season as on the plate, e.g. {@code "04-10"}. */
    @Override
    public String toString() {
        return String.format("%02d-%02d", firstMonth.getValue(), lastMonth.getValue());
    }
}
