package org.openikfz.store.api;

/**
 * What the store has asked of its database since it started: statements sent (a JDBC batch counts
 * once, it is one round trip), commits, and rollbacks. For the operator page and the benchmark.
 *
 * @param statements statements sent to the database
 * @param commits    commits (explicit ones, and writes with auto-commit on)
 * @param rollbacks  transactions rolled back
 */
public record StoreActivity(long statements, long commits, long rollbacks) {

    /** The activity between {@code earlier} and this. */
    public StoreActivity minus(StoreActivity earlier) {
        return new StoreActivity(statements - earlier.statements, commits - earlier.commits, rollbacks - earlier.rollbacks);
    }
}
