/**
 * The store's service API: applications, their dialog data, the audit trail and the transfer
 * outbox, as the core engine uses them. Interfaces and values only; the implementation
 * (jOOQ, Flyway, the connection pool) is private to the store bundle.
 */
@org.osgi.annotation.versioning.Version("1.10.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.store.api;
