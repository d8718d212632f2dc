package org.openikfz.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
        for (String[] f : Tsv.rows(in, 6, "fee table")) {
            items.add(new FeeItem(f[0], new LocalizedText(Map.of("de", f[4], "en", f[5])), new BigDecimal(f[3]),
                    LocalDate.parse(f[1]), f[2].isEmpty() ? null : LocalDate.parse(f[2])));
        }
        return new FeeTable(items);
    }

    /**
     * This table with the items of the file replacing its own (every period of an item named in the
     * file). A file that cannot be read or parsed stops the engine's activation with a clear message:
     * charging fees from a half-read table would be worse.
     */
    FeeTable withOverrides(String file) {
        if (file == null || file.isBlank()) {
            return this;
        }
        Path path = Path.of(file.strip());
        FeeTable overrides;
        try (InputStream in = Files.newInputStream(path)) {
            overrides = parse(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("fee table " + path + " cannot be used: " + e.getMessage(), e);
        }
        Set<String> replaced = overrides.items.stream().map(FeeItem::item).collect(Collectors.toSet());
        List<FeeItem> merged = new ArrayList<>(items.stream().filter(i -> !replaced.contains(i.item())).toList());
        merged.addAll(overrides.items);
        return new FeeTable(merged);
    }

    /** The entry of {@code item} in force on {@code day}. */
    Optional<FeeItem> find(String item, LocalDate day) {
        return items.stream().filter(i -> i.item().equals(item) && i.validOn(day)).findFirst();
    }
}
