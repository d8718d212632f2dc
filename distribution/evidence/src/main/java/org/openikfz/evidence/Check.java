package org.openikfz.evidence;

import java.util.Objects;

/**
 * One control checked for the dossier: its result and the evidence in words an auditor can follow
 * (what was looked at, what was found). {@code id} is the key the control catalogue refers to.
 */
public record Check(String id, String title, Result result, String evidence) {

    /** PASS and FAIL decide; NOT_CHECKED says why the evidence could not be had (it is not a pass). */
    public enum Result { PASS, FAIL, NOT_CHECKED }

    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(evidence, "evidence");
    }

    public static Check pass(String id, String title, String evidence) {
        return new Check(id, title, Result.PASS, evidence);
    }

    public static Check fail(String id, String title, String evidence) {
        return new Check(id, title, Result.FAIL, evidence);
    }

    public static Check notChecked(String id, String title, String evidence) {
        return new Check(id, title, Result.NOT_CHECKED, evidence);
    }
}
