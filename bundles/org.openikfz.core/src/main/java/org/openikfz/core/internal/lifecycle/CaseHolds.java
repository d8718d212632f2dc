package org.openikfz.core.internal.lifecycle;

import static org.openikfz.api.application.ApplicationException.Reason.WRONG_STATE;
import static org.openikfz.core.internal.EngineTexts.TEXTS;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openikfz.api.application.ApplicationException;

/**
 * The applications this process is verifying or changing right now. FZV § 20(4): a verification is
 * bound to the answers it checks, so it holds its application alone: while it runs, no answer, login,
 * confirmation request or withdrawal of that application is taken, and while one of those is being
 * written no verification starts. Changes do not hold each other out; their compare and set on the
 * case's version decides between them.
 *
 * <p>A hold lives in memory for the length of one call. On a database no other process writes (the
 * embedded H2) it is the whole lease, and a verification needs no commit of its own to take its case;
 * on a shared one (PostgreSQL, several nodes) the verification also writes its lease into the case, for
 * the other nodes. A crash loses the holds together with the calls that held them.
 */
public final class CaseHolds {

    /** A hold, given back when closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private record Hold(int changes, boolean verifying) {
    }

    private static final Hold VERIFYING = new Hold(0, true);

    private final ConcurrentHashMap<UUID, Hold> holds = new ConcurrentHashMap<>();

    /**
     * Holds the application for its verification until closed.
     *
     * @throws ApplicationException WRONG_STATE when it is being verified or changed right now
     */
    public Held verification(UUID application) {
        if (holds.putIfAbsent(application, VERIFYING) != null) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("verificationFlow.your-entries-are-being-saved"));
        }
        return () -> holds.remove(application, VERIFYING);
    }

    /**
     * Holds the application for a change of its dialog until closed; other changes may hold it at the same time.
     *
     * @throws ApplicationException WRONG_STATE while it is being verified
     */
    public Held change(UUID application) {
        boolean[] taken = {false};
        holds.compute(application, (id, hold) -> {
            if (hold != null && hold.verifying()) {
                return hold;
            }
            taken[0] = true;
            return new Hold(hold == null ? 1 : hold.changes() + 1, false);
        });
        if (!taken[0]) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("core.your-entries-are-being-verified"));
        }
        return new Held() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    holds.computeIfPresent(application, (id, hold) -> hold.changes() <= 1 ? null : new Hold(hold.changes() - 1, false));
                }
            }
        };
    }

    /** Whether a verification of this process holds the application right now. */
    public boolean verifying(UUID application) {
        Hold hold = holds.get(application);
        return hold != null && hold.verifying();
    }

    /** How many applications are held right now (none once every call has returned). */
    public int size() {
        return holds.size();
    }
}
