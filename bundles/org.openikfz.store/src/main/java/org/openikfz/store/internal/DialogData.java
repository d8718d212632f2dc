package org.openikfz.store.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The dialog data of an application as the text of one column: a line {@code key=value} per item, in
 * key order; a later line of the same key replaces an earlier one, so that a change is appended to
 * the column without reading it. A backslash escapes itself, a line break ({@code \n}), a carriage
 * return ({@code \r}) and, in keys, the equals sign; a line without an equals sign is an item whose
 * value is null.
 */
final class DialogData {

    private DialogData() {
    }

    /** The items as lines, in key order. */
    static String encode(Map<String, String> items) {
        StringBuilder out = new StringBuilder(items.size() * 32);
        for (Map.Entry<String, String> e : new TreeMap<>(items).entrySet()) {
            escape(out, java.util.Objects.requireNonNull(e.getKey(), "key"), true);
            if (e.getValue() != null) {
                out.append('=');
                escape(out, e.getValue(), false);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The items of {@code text} (null: none), in key order; the last line of a key wins. */
    static Map<String, String> decode(String text) {
        Map<String, String> items = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return items;
        }
        StringBuilder key = new StringBuilder();
        StringBuilder value = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            StringBuilder into = value == null ? key : value;
            if (ch == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                into.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else if (ch == '=' && value == null) {
                value = new StringBuilder();
            } else if (ch == '\n') {
                items.put(key.toString(), value == null ? null : value.toString());
                key.setLength(0);
                value = null;
            } else {
                into.append(ch);
            }
        }
        if (!key.isEmpty() || value != null) {
            throw new IllegalArgumentException("The dialog data end inside an item");
        }
        return items;
    }

    private static void escape(StringBuilder out, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '=' -> out.append(key ? "\\=" : "=");
                default -> out.append(ch);
            }
        }
    }
}
