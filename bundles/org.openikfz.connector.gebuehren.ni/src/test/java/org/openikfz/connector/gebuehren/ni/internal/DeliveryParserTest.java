package org.openikfz.connector.gebuehren.ni.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict reading of a delivered list, on hand-written files. */
class DeliveryParserTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private static final String HEAD = DeliveryParser.HEADER + "\n";
    private static final String NORBERT = "Norbert Nachzahlung;1968-06-06;;120.00;NI-2025-000042;Kreiskasse\n";
    private static final KeyedHash KEY = KeyedHash.of(new byte[32]);

    @TempDir
    Path dir;

    private DebtorList parse(String content) throws Exception {
        return parse(content.getBytes(StandardCharsets.UTF_8));
    }

    private DebtorList parse(byte[] content) throws Exception {
        Path file = dir.resolve("schuldner-test.csv");
        Files.write(file, content);
        return DeliveryParser.parse(file, TODAY, KEY, Instant.EPOCH);
    }

    private RejectedFileException rejected(String content) {
        return assertThrows(RejectedFileException.class, () -> parse(content));
    }

    @Test
    void aValidListIsReadWithHashesAmountsAndStand() throws Exception {
        DebtorList list = parse(HEAD + NORBERT + "Säumig Bau GmbH;;30159;980.5;NI-2025-000077;Region Hannover, Kasse\n"
                + "#ende;2;2025-05-31\n");

        assertEquals(LocalDate.of(2025, 5, 31), list.stand());
        assertEquals(2, list.count());
        assertEquals("schuldner-test.csv", list.source());
        DebtorList.Entry norbert = list.find(KEY.hash("norbert nachzahlung", "1968-06-06")).get(0);
        assertEquals(new BigDecimal("120.00"), norbert.amount());
        assertEquals("NI-2025-000042", norbert.kassenzeichen());
        DebtorList.Entry organisation = list.find(KEY.hash("SÄUMIG BAU GMBH", "30159")).get(0);
        assertEquals(new BigDecimal("980.50"), organisation.amount());
        assertEquals("Region Hannover, Kasse", organisation.glaeubiger());
    }

    @Test
    void crlfLineEndsAByteOrderMarkAndAMissingLastLineEndAreAccepted() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = (HEAD + NORBERT + "#ende;1;2025-06-01").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, content, bom.length, body.length);

        assertEquals(1, parse(content).count());
    }

    @Test
    void twoFeesOfOnePersonAreBothFound() throws Exception {
        DebtorList list = parse(HEAD + NORBERT + "Norbert  Nachzahlung;1968-06-06;;5.00;NI-2025-000043;Kreiskasse\n"
                + "#ende;2;2025-06-01\n");

        assertEquals(2, list.find(KEY.hash("Norbert Nachzahlung", "1968-06-06")).size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty file||1|the file is empty",
        "wrong header|name,geburtsdatum\\n#ende;0;2025-06-01\\n|1|the header is not",
        "header only|HEAD|1|the file ends without the #ende line",
        "cut off mid line|HEADNorbert Nachzahlung;1968-06|2|the file ends without the #ende line",
        "cut off after a line|HEADNORBERT|2|the file ends without the #ende line",
        "five fields|HEADa;1968-06-06;;1.00;K-1\\n#ende;1;2025-06-01\\n|2|6 fields expected, found 5",
        "quoted|HEAD\"Nachzahlung, Norbert\";1968-06-06;;1.00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|name contains a quote",
        "german date|HEADN N;06.06.1968;;1.00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|geburtsdatum is not an ISO date",
        "no such day|HEADN N;1968-02-30;;1.00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|geburtsdatum is not a valid date",
        "born tomorrow|HEADN N;2025-06-02;;1.00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|not a plausible date of birth",
        "comma amount|HEADN N;1968-06-06;;120,00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|betrag is not a decimal",
        "negative amount|HEADN N;1968-06-06;;-1.00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|betrag is not a decimal",
        "zero amount|HEADN N;1968-06-06;;0.00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|betrag is not positive",
        "three decimals|HEADN N;1968-06-06;;1.005;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|betrag is not a decimal",
        "organisation without plz|HEADFirma;;;1.00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|no geburtsdatum and no plz",
        "bad plz|HEADFirma;;3015;1.00;K-1;Kasse\\n#ende;1;2025-06-01\\n|2|plz is not five digits",
        "no kassenzeichen|HEADN N;1968-06-06;;1.00;;Kasse\\n#ende;1;2025-06-01\\n|2|kassenzeichen is empty",
        "tab in creditor|HEADN N;1968-06-06;;1.00;K-1;Kas\\tse\\n#ende;1;2025-06-01\\n|2|glaeubiger contains",
        "empty line|HEAD\\nNORBERT#ende;1;2025-06-01\\n|2|empty line",
        "comment line|HEAD# note\\nNORBERT#ende;1;2025-06-01\\n|2|a line starting with '#'",
        "count mismatch|HEADNORBERT#ende;2;2025-06-01\\n|3|the trailer counts 2 debtors, the file holds 1",
        "count not a number|HEADNORBERT#ende;eins;2025-06-01\\n|3|the trailer's count is not a number",
        "trailer without Stand|HEADNORBERT#ende;1\\n|3|the trailer is not #ende;<count>;<Stand>",
        "Stand in the future|HEADNORBERT#ende;1;2025-06-02\\n|3|the Stand 2025-06-02 lies in the future",
        "Stand not ISO|HEADNORBERT#ende;1;01.06.2025\\n|3|Stand is not an ISO date",
        "content after trailer|HEADNORBERT#ende;1;2025-06-01\\nmore\\n|4|content after the #ende line"})
    void aBrokenFileIsRejectedWithLineAndReason(String title, String content, int line, String reason) {
        String file = content == null ? "" : content.replace("HEAD", HEAD).replace("NORBERT", NORBERT)
                .replace("\\n", "\n").replace("\\t", "\t");

        RejectedFileException e = rejected(file);

        assertEquals(line, e.line(), e.getMessage());
        assertEquals(true, e.reason().startsWith(reason) || e.reason().contains(reason), e.getMessage());
        assertEquals(false, e.getMessage().contains("Norbert") || e.getMessage().contains("1968"), e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() {
        byte[] latin1 = (HEAD + "M\u00fcller;1968-06-06;;1.00;K-1;Kasse\n#ende;1;2025-06-01\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        RejectedFileException e = assertThrows(RejectedFileException.class, () -> parse(latin1));
        assertEquals(2, e.line());
        assertEquals("not UTF-8", e.reason());
    }

    @Test
    void theHashNormalisesTheNameAndDependsOnTheKey() throws IOException {
        String composed = KEY.hash("Jürgen Groß", "1970-01-01");
        assertEquals(composed, KEY.hash("  ju\u0308rgen   GROSS ".replace("GROSS", "GROß"), "1970-01-01"));
        assertNotEquals(composed, KEY.hash("Jürgen Groß", "1970-01-02"));
        byte[] other = new byte[32];
        other[0] = 1;
        assertNotEquals(composed, KeyedHash.of(other).hash("Jürgen Groß", "1970-01-01"));
        assertEquals(64, composed.length());

        KeyedHash created = KeyedHash.loadOrCreate(dir.resolve("keys"));
        assertEquals(created.fingerprint(), KeyedHash.loadOrCreate(dir.resolve("keys")).fingerprint(),
                "the key is created once and then read");
    }
}
