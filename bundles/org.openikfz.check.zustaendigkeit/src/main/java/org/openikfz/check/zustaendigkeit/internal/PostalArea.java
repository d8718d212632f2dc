package org.openikfz.check.zustaendigkeit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A set of German postal codes: exact five-digit codes and ranges, as configured. Immutable. */
final class PostalArea {

    private static final Pattern CODE = Pattern.compile("\\d{5}");
    private static final Pattern ENTRY = Pattern.compile("(\\d{5})(?:-(\\d{5}))?");

    private record Range(int from, int to) {
    }

    private final List<Range> ranges;

    private PostalArea(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * Reads entries separated by commas or white space.
     *
     * @param property the configuration property, for the message
     * @throws IllegalArgumentException naming the first entry that is neither a code nor an ascending range
     */
    static PostalArea parse(String property, String text) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : (text == null ? "" : text).strip().split("[,;\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException(property + ": '" + entry
                        + "' is neither a five-digit postal code nor a range like 09456-09488");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (to < from) {
                throw new IllegalArgumentException(property + ": range '" + entry + "' ends before it starts");
            }
            ranges.add(new Range(from, to));
        }
        return new PostalArea(ranges);
    }

    /** Whether {@code code} is a five-digit postal code. */
    static boolean isPostalCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether the five-digit {@code code} lies in this area. */
    boolean contains(String code) {
        if (!isPostalCode(code)) {
            return false;
        }
        int n = Integer.parseInt(code);
        return ranges.stream().anyMatch(r -> n >= r.from() && n <= r.to());
    }
}
