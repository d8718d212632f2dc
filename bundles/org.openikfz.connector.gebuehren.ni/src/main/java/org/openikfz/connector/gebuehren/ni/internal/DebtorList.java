package org.openikfz.connector.gebuehren.ni.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One imported debtor list, immutable: the connector swaps the whole list at once, so a query sees the
 * old list or the new one, never a mix or an empty index in between. Holds no clear names: every
 * debtor is identified by the keyed hash of its identifier only.
 */
final class DebtorList {

    /**
     * One open fee.
     *
     * @param hash          HMAC-SHA256 (hex) of the debtor's normalised identifier
     * @param amount        euro, positive, two decimals
     * @param kassenzeichen the cash office's reference
     * @param glaeubiger    the creditor (authority and cash office)
     */
    record Entry(String hash, BigDecimal amount, String kassenzeichen, String glaeubiger) {
        Entry {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(kassenzeichen, "kassenzeichen");
            Objects.requireNonNull(glaeubiger, "glaeubiger");
        }
    }

    private final LocalDate stand;
    private final String source;
    private final Instant importedAt;
    private final List<Entry> entries;
    private final Map<String, List<Entry>> index;

    /**
     * @param stand      the Land's "Stand": the day the list describes
     * @param source     the name of the delivered file
     * @param importedAt when it was imported
     * @param entries    the debtor lines in the file's order
     */
    DebtorList(LocalDate stand, String source, Instant importedAt, List<Entry> entries) {
        this.stand = Objects.requireNonNull(stand, "stand");
        this.source = Objects.requireNonNull(source, "source");
        this.importedAt = Objects.requireNonNull(importedAt, "importedAt");
        this.entries = List.copyOf(entries);
        Map<String, List<Entry>> byHash = new HashMap<>();
        for (Entry e : this.entries) {
            byHash.computeIfAbsent(e.hash(), h -> new ArrayList<>()).add(e);
        }
        byHash.replaceAll((h, list) -> List.copyOf(list));
        this.index = Map.copyOf(byHash);
    }

    LocalDate stand() {
        return stand;
    }

    String source() {
        return source;
    }

    /** The number of debtor lines. */
    int count() {
        return entries.size();
    }

    Instant importedAt() {
        return importedAt;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The open fees recorded under the hash; empty when none. */
    List<Entry> find(String hash) {
        return index.getOrDefault(hash, List.of());
    }

    /** Whether the list is older than {@code maxAgeDays} on {@code today}. */
    boolean tooOld(LocalDate today, int maxAgeDays) {
        return ChronoUnit.DAYS.between(stand, today) > maxAgeDays;
    }

    @Override
    public String toString() {
        return "DebtorList[Stand " + stand + ", " + count() + " entries, " + source + "]";
    }
}
