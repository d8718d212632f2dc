package org.openikfz.store.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

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
 * <p>H2 offers this on its MVStore ({@code org.h2.mvstore}, exported) but reaches the database's store
 * only through classes it does not export (the session, the database); those few calls are made
 * reflectively. Should a later H2 change them, the maintenance says so once and does nothing.
 */
final class H2Maintenance {

    private static final System.Logger LOG = System.getLogger(H2Maintenance.class.getName());

    private final DataSource pool;
    private volatile MVStore mvStore;
    private volatile boolean unavailable;
    /** H2's count of file writes after the last round: what was written since is the others' work. */
    private long writesAfterLastRound;

    /** The file writes (about one per commit) since the last round from which on the database counts as busy. */
    static final int BUSY_WRITES = 100;
    static final int BUSY_FILL_RATE = 40;
    static final int BUSY_BYTES = 8 << 20;
    static final int IDLE_FILL_RATE = 90;
    static final int IDLE_BYTES = 32 << 20;

    H2Maintenance(DataSource pool) {
        this.pool = pool;
    }

    /**
     * One round (every second): rewrites the live pages of sparse chunks and drops unused chunks; false
     * when H2's store cannot be reached. As H2's own background housekeeping does, the round leaves the
     * commits their I/O while the database is busy: it then only rewrites chunks filled less than
     * {@link #BUSY_FILL_RATE} percent, at most {@link #BUSY_BYTES}; once the others have stopped writing
     * (fewer than {@link #BUSY_WRITES} writes since the last round) it compacts to {@link #IDLE_FILL_RATE}
     * percent, up to {@link #IDLE_BYTES} a round, so the file shrinks back after a peak. (H2 rewrites
     * only while the chunks on the whole are filled less than the rate given, so a busy round mostly
     * rewrites nothing.) Compacting at the
     * full rate during a peak took nearly a third of the CPU and held the commits up (they wait for the store's
     * lock while it rewrites).
     */
    synchronized boolean compact() {
        MVStore store = mvStore();
        if (store == null) {
            return false;
        }
        FileStore<?> file = store.getFileStore();
        boolean busy = file.getWriteCount() - writesAfterLastRound >= BUSY_WRITES;
        file.compact(busy ? BUSY_FILL_RATE : IDLE_FILL_RATE, busy ? BUSY_BYTES : IDLE_BYTES);
        file.dropUnusedChunks();
        store.sync();
        writesAfterLastRound = file.getWriteCount();
        return true;
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
