package org.openikfz.api.value;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/**
 * An IBAN (ISO 13616), e.g. for the SEPA mandate for the Kfz-Steuer. Validated with iban4j (country
 * format and mod-97 check digits); input is normalised: white space removed, upper-cased.
 *
 * <p>An IBAN is personal data: {@link #toString()} returns the {@link #masked()} form, so that an
 * IBAN never reaches a log in clear; error messages never repeat it, and iban4j's exceptions (whose
 * messages may contain it) are not attached as causes.
 *
 * @param value the normalised IBAN without spaces, e.g. {@code "DE89370400440532013000"}; for the
 *              payment and mandate connectors only
 */
public record Iban(String value) {

    /** Validates and normalises; use {@link #of(String)}. */
    public Iban {
        value = normalise(value);
    }

    /**
     * The IBAN in {@code text}, e.g. {@code "de89 3704 0044 0532 0130 00"}.
     *
     * @throws ValueValidationException when the text is not a valid IBAN
     */
    public static Iban of(String text) {
        return new Iban(text);
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<Iban> check(String text) {
        return ValidationResult.of(Iban::of, text);
    }

    private static String normalise(String text) {
        String s = Inputs.upperCase(Inputs.stripSpaces(text));
        if (s.isEmpty()) {
            throw new ValueValidationException("iban.empty");
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Inputs.isAsciiAlphanumeric(s.charAt(i))) {
                throw new ValueValidationException("iban.invalidCharacter", i + 1);
            }
        }
        if (s.length() < 2 || !isLetter(s.charAt(0)) || !isLetter(s.charAt(1))) {
            throw new ValueValidationException("iban.countryCode");
        }
        String country = s.substring(0, 2);
        org.iban4j.CountryCode countryCode = org.iban4j.CountryCode.getByCode(country);
        if (countryCode == null || !IbanUtil.isSupportedCountry(countryCode)) {
            throw new ValueValidationException("iban.unsupportedCountry", country);
        }
        int expectedLength = IbanUtil.getIbanLength(countryCode);
        if (s.length() != expectedLength) {
            throw new ValueValidationException("iban.length", country, expectedLength, s.length());
        }
        try {
            IbanUtil.validate(s);
        } catch (InvalidCheckDigitException e) {
            throw new ValueValidationException("iban.checksum");
        } catch (UnsupportedCountryException e) {
            throw new ValueValidationException("iban.unsupportedCountry", country);
        } catch (IbanFormatException e) {
            throw new ValueValidationException("iban.format");
        }
        return s;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** The two-letter country code, e.g. {@code "DE"}. */
    public String countryCode() {
        return value.substring(0, 2);
    }

    /** The IBAN in groups of four, e.g. {@code "DE89 3704 0044 0532 0130 00"}. */
    public String formatted() {
        return group(value);
    }

    /**
     * The IBAN for logs and confirmations: country code, check digits and the last four characters
     * visible, the rest as {@code *}, in groups of four, e.g. {@code "DE89 **** **** **** **30 00"}.
     */
    public String masked() {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            sb.append(i < 4 || i >= value.length() - 4 ? value.charAt(i) : '*');
        }
        return group(sb.toString());
    }

    private static String group(String s) {
        StringBuilder sb = new StringBuilder(s.length() + s.length() / 4);
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(s.charAt(i));
        }
        return sb.toString();
    }

    /** The {@link #masked()} form: never the IBAN in clear. */
    @Override
    public String toString() {
        return masked();
    }
}
