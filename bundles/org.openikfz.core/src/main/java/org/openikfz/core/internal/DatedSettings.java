package org.openikfz.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Settings of the law that change on a date, read from {@code dated-settings.tsv} (data, not code). */
final class DatedSettings {

    static final String PROVISIONAL_VALIDITY_DAYS = "provisionalRegistration.validityDays";

    private record Entry(String name, LocalDate from, LocalDate until, String value) {
        boolean validOn(LocalDate day) {
            return !day.isBefore(from) && (until == null || !day.isAfter(until));
        }
    }

    private final List<Entry> entries;

    private DatedSettings(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static DatedSettings bundled() {
        try (InputStream in = DatedSettings.class.getResourceAsStream("dated-settings.tsv")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DatedSettings parse(InputStream in) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String[] f : Tsv.rows(in, 4, "dated setting")) {
            entries.add(new Entry(f[0], LocalDate.parse(f[1]), f[2].isEmpty() ? null : LocalDate.parse(f[2]), f[3]));
        }
        return new DatedSettings(entries);
    }

    /** The value of a setting in force on {@code day}. */
    String value(String name, LocalDate day) {
        return entries.stream().filter(e -> e.name().equals(name) && e.validOn(day)).map(Entry::value).findFirst()
                .orElseThrow(() -> new IllegalStateException("no value of " + name + " for " + day));
    }

    /** FZV §§ 31–32: days the downloaded decision allows driving, for a decision retrieved on {@code day}. */
    int provisionalValidityDays(LocalDate day) {
        return Integer.parseInt(value(PROVISIONAL_VALIDITY_DAYS, day));
    }
}
