package org.openikfz.api.dialog;

/**
 * How the UI edits an answer of a {@link FieldType}. New editors may be added in minor versions; a UI
 * that does not know one uses {@link #TEXT}.
 *
 * @since 2.0
 */
public enum Editor {
    /** A line of text; a {@linkplain FieldType#secret() secret} type's is masked and never filled in again. */
    TEXT,
    /** A calendar date. */
    DATE,
    /** Month and year, typed as on the HU sticker ({@code 04.2027}). */
    MONTH,
    /** Yes or no. */
    YES_NO,
    /** One of the field's choices. */
    CHOICE
}
