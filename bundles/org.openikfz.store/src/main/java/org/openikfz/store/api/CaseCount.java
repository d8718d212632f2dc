package org.openikfz.store.api;

/**
 * How many applications of a procedure are in a state, for monitoring.
 *
 * @since 1.5
 */
public record CaseCount(String procedureId, String state, long count) {
}
