package org.openikfz.connector.gebuehren.ni.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The list in force, on disk: {@code debtors.tsv} in the connector's data directory, so that it survives
 * a restart. UTF-8, tab separated; a head of {@code #key} lines, then one entry a line: keyed hash, amount,
 * Kassenzeichen, creditor — no clear names.
 *
 * <pre>
 * #openikfz-gebuehren-ni-debtors	1
 * #key	3f9a0c1d2e4b5a6f
 * #stand	2025-06-01
 * #source	schuldner-20250601T100000000.csv
 * #count	1
 * #imported	2025-06-01T08:00:05Z
 * 9c1e…(64 hex)	120.00	NI-2025-000042	Landkreis Musterland, Kreiskasse
 * </pre>
 * Written to a temporary sibling (owner-only), forced to disk, moved over the file atomically and the
 * directory forced, so that a crash leaves the old list or the new one.
 */
final class DebtorStore {

    static final String FILE = "debtors.tsv";
    private static final String MAGIC = "#openikfz-gebuehren-ni-debtors";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path file;
    private final String fingerprint;

    DebtorStore(Path dir, String fingerprint) {
        this.file = dir.resolve(FILE);
        this.fingerprint = fingerprint;
    }

    Path file() {
        return file;
    }

    /** Replaces the stored list atomically. */
    void write(DebtorList list) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        KeyedHash.createOwnerOnly(tmp);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                out.write(MAGIC + "\t1\n");
                out.write("#key\t" + fingerprint + "\n");
                out.write("#stand\t" + list.stand() + "\n");
                out.write("#source\t" + list.source().replaceAll("\\p{Cntrl}", "_") + "\n");
                out.write("#count\t" + list.count() + "\n");
                out.write("#imported\t" + list.importedAt() + "\n");
                for (DebtorList.Entry e : list.entries()) {
                    out.write(e.hash() + "\t" + e.amount().toPlainString() + "\t" + e.kassenzeichen() + "\t"
                            + e.glaeubiger() + "\n");
                }
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(file.getParent());
    }

    /**
     * The stored list, or {@code null} when there is none.
     *
     * @throws IOException the file cannot be read, is damaged, or was made with another key
     */
    DebtorList read() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 6 || !lines.get(0).equals(MAGIC + "\t1")) {
            throw new IOException(file + " is not a debtor store of this connector");
        }
        String key = head(lines, 1, "#key");
        if (!key.equals(fingerprint)) {
            throw new IOException(file + " was made with another hash key: it cannot be matched (import a new list)");
        }
        try {
            LocalDate stand = LocalDate.parse(head(lines, 2, "#stand"));
            String source = head(lines, 3, "#source");
            int count = Integer.parseInt(head(lines, 4, "#count"));
            Instant imported = Instant.parse(head(lines, 5, "#imported"));
            List<DebtorList.Entry> entries = new ArrayList<>();
            for (int i = 6; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t", -1);
                if (f.length != 4 || !HASH.matcher(f[0]).matches()) {
                    throw new IOException(file + " line " + (i + 1) + " is damaged");
                }
                BigDecimal amount = new BigDecimal(f[1]);
                if (amount.signum() <= 0 || f[2].isBlank() || f[3].isBlank()) {
                    throw new IOException(file + " line " + (i + 1) + " is damaged");
                }
                entries.add(new DebtorList.Entry(f[0], amount, f[2], f[3]));
            }
            if (entries.size() != count) {
                throw new IOException(file + " holds " + entries.size() + " entries but counts " + count);
            }
            return new DebtorList(stand, source, imported, entries);
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged: " + e.getClass().getSimpleName());
        }
    }

    private String head(List<String> lines, int i, String name) throws IOException {
        String line = lines.get(i);
        if (!line.startsWith(name + "\t")) {
            throw new IOException(file + " line " + (i + 1) + " is not " + name);
        }
        return line.substring(name.length() + 1);
    }

    /** Makes a rename durable (POSIX); where a directory cannot be opened this way the move is still atomic. */
    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows: directories cannot be opened as channels; the atomic move stands
        }
    }
}
