package org.openikfz.ui.view;

import com.vaadin.flow.server.VaadinSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A citizen's dialog of one procedure as far as it got: the answers (security codes included), the
 * step shown and the steps reached. It lives on the server, in the browser session, never in the
 * page: a reload, the browser's back and forward buttons and a second tab of the same browser all
 * show the same dialog, and no code is ever sent back to the browser.
 *
 * <p>FZV § 19(1) S. 6: dialog data are kept only as long as they are needed. A draft without an
 * input for the session's idle time is deleted ({@link #expired}); the session's end deletes it too.
 * Two tabs of one session share the draft; Vaadin serialises their requests on the session's lock.
 */
final class DialogDraft implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What is shown besides the dialog's own steps. */
    enum Page {
        /** The identification step (FZV § 20(1)), before the first question. */
        IDENTIFICATION("anmeldung"),
        /** The review of all answers before they go to the engine. */
        REVIEW("pruefung"),
        /** The application after the dialog (verification, payment, decision). */
        APPLICATION("antrag");

        final String slug;

        Page(String slug) {
            this.slug = slug;
        }

        static Page of(String slug) {
            for (Page page : values()) {
                if (page.slug.equals(slug)) {
                    return page;
                }
            }
            return null;
        }
    }

    /** Security codes and the IBAN: transient, so that they never reach a session store on disk. */
    private transient Map<String, String> secrets = new HashMap<>();
    private final Map<String, String> answers = new HashMap<>();
    private final Set<String> reached = new HashSet<>();
    private String step;
    private Page page;
    private Instant touched;
    private String email;

    DialogDraft(Instant now) {
        this.touched = now;
    }

    /**
     * The session's draft of the procedure; a new one when there is none or the old one was left
     * without input for {@code idle} (then it is deleted, and {@link #expired} says so once).
     */
    static DialogDraft of(VaadinSession session, String procedureId, Instant now, Duration idle) {
        String key = "openikfz.draft." + procedureId;
        DialogDraft draft = (DialogDraft) session.getAttribute(key);
        boolean expired = draft != null && draft.expiredAt(now, idle);
        if (draft == null || expired) {
            draft = new DialogDraft(now);
            draft.expiredBefore = expired;
            session.setAttribute(key, draft);
        }
        return draft;
    }

    /** Whether the draft was left without input for longer than {@code idle}: then it is deleted. */
    boolean expiredAt(Instant now, Duration idle) {
        return started() && touched.plus(idle).isBefore(now);
    }

    /** Deletes the session's draft of the procedure (a new dialog begins). */
    static DialogDraft restart(VaadinSession session, String procedureId, Instant now) {
        DialogDraft draft = new DialogDraft(now);
        session.setAttribute("openikfz.draft." + procedureId, draft);
        return draft;
    }

    private boolean expiredBefore;

    /** Whether an earlier draft was deleted for want of input; true once. */
    boolean expired() {
        boolean was = expiredBefore;
        expiredBefore = false;
        return was;
    }

    /** Whether the citizen has answered anything or moved past the first screen. */
    boolean started() {
        return !answers.isEmpty() || !secrets().isEmpty() || step != null || page != null;
    }

    String answer(String field) {
        String secret = secrets().get(field);
        return secret != null ? secret : answers.get(field);
    }

    /** Every answer, the secret ones included, as one map (a copy). */
    Map<String, String> answers() {
        Map<String, String> all = new HashMap<>(answers);
        all.putAll(secrets());
        return all;
    }

    void put(String field, String value, boolean secret, Instant now) {
        (secret ? secrets() : answers).put(field, value);
        touched = now;
    }

    void remove(String field, Instant now) {
        answers.remove(field);
        secrets().remove(field);
        touched = now;
    }

    /** Takes answers the engine kept (e.g. while the applicant was at the login page) where none is given. */
    /** The e-mail address typed for confirmations (optional), or {@code null}. */
    String email() {
        return email;
    }

    void email(String value) {
        email = value == null || value.isBlank() ? null : value.strip();
    }

    void keep(Map<String, String> kept) {
        kept.forEach(answers::putIfAbsent);
    }

    /** The dialog step shown (its id), or {@code null} while a {@link Page} is shown or nothing yet. */
    String step() {
        return step;
    }

    Page page() {
        return page;
    }

    /** Shows a dialog step; it counts as reached from now on. */
    void at(String stepId, Instant now) {
        step = stepId;
        page = null;
        reached.add(stepId);
        touched = now;
    }

    void at(Page shown, Instant now) {
        page = shown;
        if (shown == Page.REVIEW) {
            reached.add("#" + shown.slug);
        }
        touched = now;
    }

    /** Whether the citizen got to the step (or the review) in this dialog: only those are shown by address. */
    boolean reached(String stepId) {
        return reached.contains(stepId);
    }

    boolean reachedReview() {
        return reached.contains("#" + Page.REVIEW.slug);
    }

    /** When the answers are deleted unless the citizen goes on. */
    Instant deletedAt(Duration idle) {
        return touched.plus(idle);
    }

    private Map<String, String> secrets() {
        if (secrets == null) {
            secrets = new HashMap<>();
        }
        return secrets;
    }
}
