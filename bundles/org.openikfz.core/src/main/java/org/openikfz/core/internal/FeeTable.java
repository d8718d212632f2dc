package org.openikfz.core.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openikfz.api.fee.FeeItem;
import org.openikfz.api.text.LocalizedText;

/** The dated GebOSt fee table, read from {@code gebost.tsv} (data, not code). */
final class FeeTable {

    private final List<FeeItem> items;

    FeeTable(List<FeeItem> items) {
        this.items = List.copyOf(items);
    }

    /** The table shipped with the engine. */
    static FeeTable bundled() {
        try (InputStream in = FeeTable.class.getResourceAsStream("gebost.tsv")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FeeTable parse(InputStream in) throws IOException {
        List<FeeItem> items = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IOException("fee table line needs 6 tab-separated columns: " + line);
            }
            items.add(new FeeItem(f[0], new LocalizedText(Map.of("de", f[4], "en", f[5])), new BigDecimal(f[3]),
                    LocalDate.parse(f[1]), f[2].isEmpty() ? null : LocalDate.parse(f[2])));
        }
        return new FeeTable(items);
    }

    /** The entry of {@code item} in force on {@code day}. */
    Optional<FeeItem> find(String item, LocalDate day) {
        return items.stream().filter(i -> i.item().equals(item) && i.validOn(day)).findFirst();
    }
}
