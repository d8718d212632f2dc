package org.openikfz.api.backoffice;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The operator's view of the running platform: installed procedures, checks, connectors and
 * simulators with versions and health, what was deployed when, the database, and the audit trail's
 * verification (operators and auditors).
 */
@ProviderType
public interface PlatformOverview {

    /** The platform's own bundles and everything deployed through {@code deploy/} (operators). */
    List<InstalledBundle> bundles(StaffSession session);

    /** Bundles installed, updated, started, stopped and uninstalled while running, newest first (operators). */
    List<PlatformEvent> deployments(StaffSession session);

    /**
     * The connectors that report their health ({@link org.openikfz.api.connector.MonitoredConnector}):
     * endpoint, state, circuit breaker, last error (operators).
     *
     * @since 1.1
     */
    List<org.openikfz.api.connector.ConnectorHealth> connectors(StaffSession session);

    /** The database in one line: product, schema version, reachable (operators). */
    String database(StaffSession session);

    /** Verifies the audit trail's hash chain and says the outcome in one paragraph (operators, auditors). */
    String verifyAuditTrail(StaffSession session);

    /**
     * The newest security evidence dossier of this installation ({@code bin/openikfz evidence} writes them
     * to {@code evidence/}): when it was made, how its controls came out, whether its signature holds;
     * empty when none was made (operators).
     *
     * @since 1.3
     */
    java.util.Optional<EvidenceSummary> latestEvidence(StaffSession session);

    /**
     * The files of the newest dossier as one ZIP archive, to hand to the auditor; empty when there is
     * none (operators).
     *
     * @since 1.3
     */
    byte[] latestEvidenceArchive(StaffSession session);
}
