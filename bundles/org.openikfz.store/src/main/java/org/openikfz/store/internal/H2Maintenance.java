package org.openikfz.store.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * The embedded H2 database's file housekeeping. The store runs H2 with {@code WRITE_DELAY=0} (every
 * acknowledged commit is written before it returns); H2 then runs no background thread, and with it
 * none of its own compaction: every commit appends a chunk, and a chunk in which a single page is
 * still live is never freed, so the file grows by the size of every commit (measured: 5.8 GB after
 * 20,000 decisions). This does what H2's background thread would: it rewrites the live pages of
 * sparse chunks (a bounded amount per call) and drops the chunks no longer used; H2 reuses their
 * space once its retention time has passed, and truncates the file when its end is free.
 *
 * <p>The retention time is what keeps the file consistent after an OS crash or a power loss: a
 * freed chunk may only be overwritten once its successors are on the disk. H2 does not sync on
 * commit; its default of 45 s trusts the OS to have written everything by then, and makes the file
 * as large as 45 s of commits. The store sets 2 s ({@link DriverDataSources}) and syncs the file
 * every call here (every second): a chunk older than the retention time is then always older than
 * the last sync. So the file stays consistent, and an acknowledged commit is on the disk within a
 * second even after a power loss. (Moving chunks to shrink the file at once, {@code compactStore},
 * trips H2's own consistency assertions while the database is open; it is not used.)
 *
 * <p>How much a call rewrites follows H2's own background thread: little while the database is busy (it
 * wrote since the last call), so the compaction does not take the CPU from the work that made the
 * dead chunks (measured on the drain after 20,000 decisions: the compaction was the busiest thread),
 * and the full amount once it is idle, when the file comes down to its live data.
 *
 * <p>Rewriting frees chunks wherever they are, but the file only gets shorter when its end is free.
 * When the chunks at the end are full of live pages (as with time-ordered application ids: the newest
 * applications' pages stay live), the file stayed at 570 MB after 20,000 decisions, about 430 MB of
 * it free space in its middle, three times its live data. So once the database is idle and the file is less than
 * the target full, the call also moves chunks from the end into the free space before them, as H2's
 * own background thread does ({@code compactMoveChunks}, which takes H2's store lock itself), and the
 * file is cut after the last one.
 *
 * <p>H2 offers this on its MVStore ({@code org.h2.mvstore}, exported) but reaches the database's store
 * only through classes it does not export (the session, the database); those few calls are made
 * reflectively. Should a later H2 change them, the maintenance says so once and does nothing.
 */
final class H2Maintenance {

    private static final System.Logger LOG = System.getLogger(H2Maintenance.class.getName());

    /** How much one call moves at most. */
    static final long MOVE_BYTES = 8L << 20;

    private final DataSource pool;
    private volatile MVStore mvStore;
    private volatile boolean unavailable;
    private long writesAtLastCall = -1;

    H2Maintenance(DataSource pool) {
        this.pool = pool;
    }

    /**
     * Rewrites the live pages of chunks filled less than {@code targetFillRate} percent, at most
     * {@code idleBytes} when nothing was written since the last call and {@code busyBytes} when
     * something was, and drops unused chunks; false when H2's store cannot be reached.
     */
    synchronized boolean compact(int targetFillRate, int busyBytes, int idleBytes) {
        MVStore store = mvStore();
        if (store == null) {
            return false;
        }
        FileStore<?> file = store.getFileStore();
        long writes = file.getWriteCount();
        boolean idle = writes == writesAtLastCall;
        file.compact(targetFillRate, idle ? idleBytes : busyBytes);
        file.dropUnusedChunks();
        if (idle && file instanceof RandomAccessStore random && random.getFillRate() < targetFillRate) {
            // H2 holds its store lock while it moves: a bounded step, as its own thread's (4 × its 2 MB), so a burst
            // of work that starts meanwhile waits for one step, not for the whole file
            random.compactMoveChunks(targetFillRate, MOVE_BYTES, store);
        }
        store.sync();
        writesAtLastCall = file.getWriteCount(); // the maintenance's own writes do not make the next call busy
        return true;
    }

    /**
     * H2 writes an identity column's sequence to the file every {@code CACHE} values (32 unless
     * told) in a commit of its own, and such a commit stores every page changed since the last: with
     * audit events and outbox messages inserted one after the other, one commit in 32 rows was an
     * extra one (measured on the drain after 20,000 decisions: a tenth of the background's time).
     * H2 hands out the cached values in order for the whole database, so a larger cache costs only a
     * gap in the ids after a crash. (Not for PostgreSQL, whose cache is per session: ids there would
     * no longer follow the order of the inserts.)
     */
    static void cacheIdentities(DataSource pool, int cache) {
        try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
            java.util.List<String> alter = new java.util.ArrayList<>();
            try (java.sql.ResultSet r = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = SCHEMA() AND IS_IDENTITY = 'YES' AND IDENTITY_CACHE < " + cache)) {
                while (r.next()) {
                    alter.add("ALTER TABLE \"" + r.getString(1) + "\" ALTER COLUMN \"" + r.getString(2) + "\" SET CACHE " + cache);
                }
            }
            for (String statement : alter) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "The identities' cache could not be set (" + e.getMessage() + "): H2 writes their sequences"
                    + " every 32 values");
        }
    }

    private MVStore mvStore() {
        MVStore store = mvStore;
        if (store != null || unavailable) {
            return store;
        }
        try (Connection c = pool.getConnection()) {
            Object session = call(c.unwrap(JdbcConnection.class), "getSession");
            Object database = call(session, "getDatabase");
            Object mvStoreHolder = call(database, "getStore");
            store = (MVStore) call(mvStoreHolder, "getMvStore");
            mvStore = store;
            return store;
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.WARNING, "The H2 file's compaction is not available with this H2 version (" + e + "): the file will"
                    + " grow with every commit until H2 compacts it at shutdown");
            return null;
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        return m.invoke(target);
    }
}
