/**
 * The simulator kit: what the simulators of the Land fee-arrears services share — the
 * {@link org.openikfz.simulator.support.Debtor} with its Land's {@link org.openikfz.simulator.support.DebtorRules},
 * the {@link org.openikfz.simulator.support.DebtorRegister} kept in a TSV file laid out as a
 * {@link org.openikfz.simulator.support.DebtorFile}, the answer {@link org.openikfz.simulator.support.Mode}s and
 * the admin HTTP plumbing ({@link org.openikfz.simulator.support.AdminHttp}). Each simulator keeps its own
 * protocol (SOAP, REST with OAuth2, an export file); the kit holds no state beyond the objects a simulator creates.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.simulator.support;
