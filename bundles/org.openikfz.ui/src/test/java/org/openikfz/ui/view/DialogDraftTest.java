package org.openikfz.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DialogDraftTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(30);

    @Test
    void a_draft_left_without_input_for_the_idle_time_is_deleted_and_each_input_postpones_that() {
        DialogDraft draft = new DialogDraft(T0);
        assertFalse(draft.expiredAt(T0.plus(Duration.ofHours(5)), IDLE), "nothing entered: nothing to delete");
        draft.put("kennzeichen", "ERZ-AB 123", false, T0);
        assertEquals(T0.plus(IDLE), draft.deletedAt(IDLE));
        draft.put("zb1Code", "Ab3De4F", true, T0.plus(Duration.ofMinutes(20)));
        assertFalse(draft.expiredAt(T0.plus(Duration.ofMinutes(45)), IDLE), "the code was entered 25 minutes ago");
        assertTrue(draft.expiredAt(T0.plus(Duration.ofMinutes(51)), IDLE));
    }

    @Test
    void security_codes_never_reach_a_session_store_on_disk() throws Exception {
        DialogDraft draft = new DialogDraft(T0);
        draft.put("kennzeichen", "ERZ-AB 123", false, T0);
        draft.put("zb1Code", "Ab3De4F", true, T0);
        assertEquals("Ab3De4F", draft.answer("zb1Code"), "kept in memory for the verification");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(draft);
        }
        assertFalse(bytes.toString(StandardCharsets.ISO_8859_1).contains("Ab3De4F"), "the code is not in the serialised session");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            DialogDraft restored = (DialogDraft) in.readObject();
            assertEquals("ERZ-AB 123", restored.answer("kennzeichen"));
            assertNull(restored.answer("zb1Code"));
        }
    }

    @Test
    void only_steps_the_dialog_got_to_can_be_shown_by_address() {
        DialogDraft draft = new DialogDraft(T0);
        draft.at("fahrzeug", T0);
        assertTrue(draft.reached("fahrzeug"));
        assertFalse(draft.reached("sicherheitscodes"), "a step never shown is not opened by typing its address");
        assertFalse(draft.reachedReview());
        draft.at(DialogDraft.Page.REVIEW, T0);
        assertTrue(draft.reachedReview());
        assertEquals("fahrzeug", draft.step(), "the review remembers the last step, for 'Angaben ändern'");
    }
}
