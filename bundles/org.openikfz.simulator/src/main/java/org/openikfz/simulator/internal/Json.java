package org.openikfz.simulator.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulators' JSON: a strict reader for the transfer payloads (RFC 8259 objects, arrays,
 * strings with all escapes, numbers, {@code true}/{@code false}/{@code null}) and the escaping for
 * the admin API's answers. The bundle has no runtime dependencies, so it brings its own.
 *
 * <p>Objects are read as {@code Map<String, Object>} (in document order, a repeated member's last
 * value wins), arrays as {@code List<Object>}, numbers as {@link BigDecimal}, strings as
 * {@link String}, booleans as {@link Boolean}, {@code null} as {@code null}. Malformed input is an
 * {@link IllegalArgumentException} whose message names the position, never the content.
 */
final class Json {

    /** Deeper documents are refused rather than risking the stack. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** The value in {@code text}. */
    static Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("JSON: no text");
        }
        Json reader = new Json(text);
        reader.space();
        Object value = reader.value(0);
        reader.space();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    /** The object in {@code text}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("JSON: not an object");
        }
        return (Map<String, Object>) value;
    }

    /** The member at {@code path} (object keys, nested), or empty when a step is missing or not an object. */
    static Optional<Object> at(Map<String, ?> root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    /**
     * The scalar at {@code path} as text (numbers in plain notation, booleans as {@code true}/{@code false}),
     * or empty when it is missing, null, blank, an object or an array.
     */
    static Optional<String> text(Map<String, ?> root, String... path) {
        return at(root, path).flatMap(v -> switch (v) {
            case String s -> s.isBlank() ? Optional.<String>empty() : Optional.of(s);
            case BigDecimal n -> Optional.of(n.toPlainString());
            case Boolean b -> Optional.of(b.toString());
            default -> Optional.<String>empty();
        });
    }

    /** The object at {@code path}, or empty. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> object(Map<String, ?> root, String... path) {
        return at(root, path).filter(Map.class::isInstance).map(v -> (Map<String, Object>) v);
    }

    /** {@code s} as a JSON string literal, or {@code null} for {@code null}. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code value} as a JSON string literal, or {@code null} when it is {@code null}. */
    static String quote(Object value) {
        return value == null ? "null" : quote(value.toString());
    }

    /** An array of already-written JSON values. */
    static String array(List<String> values) {
        return "[" + String.join(",", values) + "]";
    }

    // --- reader ---

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("value expected");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("value expected");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++; // {
        Map<String, Object> members = new LinkedHashMap<>();
        space();
        if (peek('}')) {
            pos++;
            return members;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("member name expected");
            }
            String name = string();
            space();
            expect(':');
            space();
            members.put(name, value(depth + 1));
            space();
            if (peek(',')) {
                pos++;
            } else if (peek('}')) {
                pos++;
                return members;
            } else {
                throw error("',' or '}' expected");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++; // [
        List<Object> items = new ArrayList<>();
        space();
        if (peek(']')) {
            pos++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            space();
            items.add(value(depth + 1));
            space();
            if (peek(',')) {
                pos++;
            } else if (peek(']')) {
                pos++;
                return Collections.unmodifiableList(items);
            } else {
                throw error("',' or ']' expected");
            }
        }
    }

    private String string() {
        pos++; // "
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> {
                    pos--;
                    throw error("invalid escape");
                }
            }
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) {
            throw error("\\u needs four hex digits");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("\\u needs four hex digits");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v; // surrogate pairs arrive as two escapes and join in the StringBuilder
    }

    private BigDecimal number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (digit()) {
            digits();
        } else {
            throw error("digit expected");
        }
        if (peek('.')) {
            pos++;
            if (!digit()) {
                throw error("digit expected after '.'");
            }
            digits();
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (!digit()) {
                throw error("digit expected in exponent");
            }
            digits();
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) { // e.g. an exponent out of range
            throw error("number out of range");
        }
    }

    private boolean digit() {
        return pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9';
    }

    private void digits() {
        while (digit()) {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("value expected");
        }
        pos += word.length();
        return value;
    }

    private void space() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
        pos++;
    }

    /** The message names the position only: payloads hold personal data. */
    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON: " + what + " at position " + pos);
    }
}
