package org.openikfz.connector.gebuehren.ni.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;

/**
 * Reads and validates a delivered {@code schuldner-*.csv} completely before anything of it is used, and
 * turns every debtor's identifier into its keyed hash as the line is read: the clear names live only in
 * the file and, for the moment a line is checked, in memory.
 *
 * <p>The format is strict, parsed by hand: UTF-8; the header {@value #HEADER}; one debtor a line with
 * exactly six fields separated by {@code ;} and no quoting (a {@code "} is refused rather than guessed
 * at, so a list exported with CSV quoting is rejected instead of silently never matching); then
 * {@code #ende;<count>;<Stand>}. Checked: every date ISO ({@code yyyy-mm-dd}), every amount a positive
 * decimal with a point and at most two decimals, a plz of five digits where there is no date of birth
 * (an organisation), the count equal to the debtor lines, the Stand not in the future, nothing after the
 * trailer. The first violation rejects the whole file.
 */
final class DeliveryParser {

    static final String HEADER = "name;geburtsdatum;plz;betrag;kassenzeichen;glaeubiger";
    static final String TRAILER = "#ende";
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,2})?");
    private static final Pattern PLZ = Pattern.compile("[0-9]{5}");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    /** Quotes (the format has none) and control characters (tabs would break the store). */
    private static final Pattern FORBIDDEN = Pattern.compile("[\"\\p{Cntrl}]");
    private static final int MAX_TEXT = 200;
    private static final int MAX_KASSENZEICHEN = 64;
    private static final int MAX_LINE_BYTES = 4096;

    private DeliveryParser() {
    }

    /**
     * @param file       the delivered file
     * @param today      today (the Stand must not be later)
     * @param hash       the installation's key
     * @param importedAt the time to record as import time
     * @return the list, ready to be stored and put in force
     * @throws RejectedFileException the file is not a valid list: line and reason, no content
     * @throws IOException           the file could not be read
     */
    static DebtorList parse(Path file, LocalDate today, KeyedHash hash, Instant importedAt)
            throws RejectedFileException, IOException {
        Mac mac = hash.mac();
        List<DebtorList.Entry> entries = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            String line = next(in, 1);
            if (line == null) {
                throw new RejectedFileException(1, "the file is empty");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!line.equals(HEADER)) {
                throw new RejectedFileException(1, "the header is not " + HEADER);
            }
            int number = 2;
            line = next(in, number);
            while (true) {
                if (line == null) {
                    throw new RejectedFileException(number - 1, "the file ends without the " + TRAILER
                            + " line (truncated?)");
                }
                if (line.startsWith(TRAILER)) {
                    LocalDate stand = trailer(line, number, entries.size(), today);
                    if (next(in, number + 1) != null) {
                        throw new RejectedFileException(number + 1, "content after the " + TRAILER + " line");
                    }
                    return new DebtorList(stand, file.getFileName().toString(), importedAt, entries);
                }
                // one line ahead: a last line that is no trailer means the file broke off, whatever it holds
                String following = next(in, number + 1);
                if (following == null) {
                    throw new RejectedFileException(number, "the file ends without the " + TRAILER
                            + " line (truncated?)");
                }
                entries.add(debtor(line, number, today, mac));
                line = following;
                number++;
            }
        }
    }

    /**
     * The next line (without its LF or CRLF), decoded strictly as UTF-8, or {@code null} at the end. Read
     * byte-wise, so that a decoding error is reported with its own line number.
     */
    private static String next(InputStream in, int number) throws IOException, RejectedFileException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE_BYTES) {
                throw new RejectedFileException(number, "the line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RejectedFileException(number, "not UTF-8");
        }
    }

    private static DebtorList.Entry debtor(String line, int number, LocalDate today, Mac mac)
            throws RejectedFileException {
        if (line.isEmpty()) {
            throw new RejectedFileException(number, "empty line");
        }
        if (line.startsWith("#")) {
            throw new RejectedFileException(number, "a line starting with '#' other than " + TRAILER);
        }
        String[] f = line.split(";", -1);
        if (f.length != 6) {
            throw new RejectedFileException(number, "6 fields expected, found " + f.length);
        }
        String name = text(f[0], "name", MAX_TEXT, number);
        LocalDate dateOfBirth = null;
        if (!f[1].isEmpty()) {
            dateOfBirth = date(f[1], "geburtsdatum", number);
            if (dateOfBirth.getYear() < 1900 || dateOfBirth.isAfter(today)) {
                throw new RejectedFileException(number, "geburtsdatum is not a plausible date of birth");
            }
        }
        String plz = f[2];
        if (!plz.isEmpty() && !PLZ.matcher(plz).matches()) {
            throw new RejectedFileException(number, "plz is not five digits");
        }
        if (dateOfBirth == null && plz.isEmpty()) {
            throw new RejectedFileException(number, "no geburtsdatum and no plz: the debtor cannot be identified");
        }
        if (!AMOUNT.matcher(f[3]).matches()) {
            throw new RejectedFileException(number, "betrag is not a decimal with a point and at most two decimals");
        }
        BigDecimal amount = new BigDecimal(f[3]).setScale(2);
        if (amount.signum() <= 0) {
            throw new RejectedFileException(number, "betrag is not positive");
        }
        String kassenzeichen = text(f[4], "kassenzeichen", MAX_KASSENZEICHEN, number);
        String glaeubiger = text(f[5], "glaeubiger", MAX_TEXT, number);
        String qualifier = dateOfBirth != null ? dateOfBirth.toString() : plz;
        return new DebtorList.Entry(KeyedHash.hash(mac, name, qualifier), amount, kassenzeichen, glaeubiger);
    }

    private static LocalDate trailer(String line, int number, int debtors, LocalDate today)
            throws RejectedFileException {
        String[] f = line.split(";", -1);
        if (f.length != 3 || !f[0].equals(TRAILER)) {
            throw new RejectedFileException(number, "the trailer is not " + TRAILER + ";<count>;<Stand>");
        }
        if (!COUNT.matcher(f[1]).matches()) {
            throw new RejectedFileException(number, "the trailer's count is not a number");
        }
        int count = Integer.parseInt(f[1]);
        if (count != debtors) {
            throw new RejectedFileException(number, "the trailer counts " + count + " debtors, the file holds "
                    + debtors);
        }
        LocalDate stand = date(f[2], "Stand", number);
        if (stand.isAfter(today)) {
            throw new RejectedFileException(number, "the Stand " + stand + " lies in the future");
        }
        return stand;
    }

    private static String text(String value, String field, int max, int number) throws RejectedFileException {
        if (value.isBlank()) {
            throw new RejectedFileException(number, field + " is empty");
        }
        if (FORBIDDEN.matcher(value).find()) {
            throw new RejectedFileException(number, field + " contains a quote or a control character");
        }
        if (value.length() > max) {
            throw new RejectedFileException(number, field + " is longer than " + max + " characters");
        }
        return value.strip().replaceAll("\\s+", " ");
    }

    private static LocalDate date(String value, String field, int number) throws RejectedFileException {
        if (!DATE.matcher(value).matches()) {
            throw new RejectedFileException(number, field + " is not an ISO date (yyyy-mm-dd)");
        }
        try {
            return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeException e) {
            throw new RejectedFileException(number, field + " is not a valid date");
        }
    }
}
