package org.openikfz.store.api;

/**
 * What the store runs on, for health and operator views.
 *
 * @param dialect         {@code "H2"} or {@code "POSTGRES"}
 * @param databaseProduct product name and version as the JDBC driver reports them
 * @param schemaVersion   the version of the newest applied migration
 * @param healthy         whether a valid connection could be had just now
 */
public record StoreInfo(String dialect, String databaseProduct, String schemaVersion, boolean healthy) {
}
