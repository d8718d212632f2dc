package org.openikfz.api.procedure;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a procedure across the platform: in the store, in the API and as the path of its page
 * ({@code /ausserbetriebsetzung}). Lower-case letters, digits and hyphens.
 */
public record ProcedureId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ProcedureId {
        Objects.requireNonNull(value, "value");
        // the length first: java.util.regex recurses per repetition of the group, a value of some thousand
        // characters (the machine API takes it from a request) would overflow the stack
        if (value.length() > 64 || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a procedure id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
