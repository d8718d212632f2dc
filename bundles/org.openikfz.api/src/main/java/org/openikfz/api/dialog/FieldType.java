package org.openikfz.api.dialog;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What kind of answer a field takes: how an answer is checked and kept ({@link #normalise}), how the UI
 * edits it ({@link #editor()}, {@link #hints()}) and whether it is a secret. The set is open: a bundle that
 * needs a new kind of field implements this interface and exports it; a procedure that uses it imports that
 * package. The platform, the UI and the machine API know a type only through these methods, never by name.
 *
 * <p>The types every procedure of FZV Abschnitt 3 needs are the constants here. Their answers are checked by
 * the value types of {@code org.openikfz.api.value}.
 *
 * @since 2.0 an interface; in 1.x a closed enum
 */
@ConsumerType
public interface FieldType {

    /** Free text in one line: at most 200 characters, printable, composed (NFC). */
    FieldType TEXT = StandardFieldType.TEXT;
    /** A calendar date, 1900 to 2100; kept as {@code 2026-12-05}, taken also as {@code 5.12.2026}. */
    FieldType DATE = StandardFieldType.DATE;
    /** A month of a year (e.g. when the next HU is due), 1900 to 2100; kept as {@code 2027-04}. */
    FieldType MONTH = StandardFieldType.MONTH;
    /** Yes or no; kept as {@code true} or {@code false}. */
    FieldType YES_NO = StandardFieldType.YES_NO;
    /** One of the field's {@linkplain Field#choices() choices}; kept as the choice's value. */
    FieldType CHOICE = StandardFieldType.CHOICE;
    /** A German licence plate (FZV § 9, Anlage 4). */
    FieldType KENNZEICHEN = StandardFieldType.KENNZEICHEN;
    /** Vehicle identification number (FIN, ISO 3779). */
    FieldType FIN = StandardFieldType.FIN;
    /** Security code of the seal on the front plate (FZV § 21(1) Nr. 1, Anlage 5). */
    FieldType PLAKETTEN_CODE_FRONT = StandardFieldType.PLAKETTEN_CODE_FRONT;
    /** Security code of the seal on the rear plate (FZV § 21(1) Nr. 1, Anlage 5). */
    FieldType PLAKETTEN_CODE_REAR = StandardFieldType.PLAKETTEN_CODE_REAR;
    /** Security code of the seal on the shared part of a Wechselkennzeichen (FZV § 8(1a), § 21(1) Nr. 1). */
    FieldType PLAKETTEN_CODE_SHARED_PART = StandardFieldType.PLAKETTEN_CODE_SHARED_PART;
    /** 7-character security code of the Zulassungsbescheinigung Teil I (FZV Anlage 6). */
    FieldType ZB1_CODE = StandardFieldType.ZB1_CODE;
    /** 12-character security code of the Zulassungsbescheinigung Teil II (FZV Anlage 8). */
    FieldType ZB2_CODE = StandardFieldType.ZB2_CODE;
    /** Number of an electronic insurance confirmation (eVB). */
    FieldType EVB = StandardFieldType.EVB;
    /** IBAN for the SEPA direct debit mandate of the vehicle tax. */
    FieldType IBAN = StandardFieldType.IBAN;

    /**
     * The type's stable name, as the machine API and the audit trail show it: the constants here are upper
     * case ({@code KENNZEICHEN}); a type of another bundle uses a name of its own, best prefixed with what it
     * belongs to ({@code VERWERTUNG_BETRIEBSNUMMER}). At most 64 characters of {@code A-Z a-z 0-9 _ . -}.
     */
    String name();

    /** How the UI edits an answer; a UI that does not know a (future) editor uses {@link Editor#TEXT}. */
    Editor editor();

    /**
     * Checks an answer as the applicant typed it and gives its canonical form: what is stored, checked and
     * transferred. The engine calls this for every answer at the edge; the UI calls it before it moves on.
     *
     * @param answer the answer, stripped, never blank
     * @param field  the field answered (e.g. its {@linkplain Field#choices() choices})
     * @throws InvalidAnswerException with a message for the applicant that does not repeat a secret answer
     */
    String normalise(String answer, Field field);

    /** Whether answers must never be displayed again, logged or kept after use (security codes, IBAN). */
    default boolean secret() {
        return false;
    }

    /** How a text editor helps with input (e.g. capitals for codes). */
    default Set<InputHint> hints() {
        return Set.of();
    }
}
