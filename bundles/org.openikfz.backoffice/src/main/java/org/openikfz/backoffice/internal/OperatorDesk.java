package org.openikfz.backoffice.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openikfz.api.backoffice.InstalledBundle;
import org.openikfz.api.backoffice.PlatformEvent;
import org.openikfz.api.backoffice.PlatformOverview;
import org.openikfz.api.backoffice.Role;
import org.openikfz.api.backoffice.StaffSession;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.MonitoredConnector;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.AuditVerification;
import org.openikfz.store.api.StoreInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The operator's view of the running platform, and the record of what was deployed when: every
 * bundle of {@code deploy/} installed, updated, started, stopped or uninstalled, and every update of
 * another, is an audit event of the system ({@code BUNDLE_...}), kept like all log data for six months.
 */
@Component(service = PlatformOverview.class)
public final class OperatorDesk implements PlatformOverview {

    private final ApplicationStore store;
    private final StaffAccounts staff;
    private final BundleContext context;
    private final EvidenceShelf evidence;
    private final BundleListener listener = this::record;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime components;

    /** Connectors come and go with their bundles (hot deployment). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<MonitoredConnector> connectors = new CopyOnWriteArrayList<>();

    /** Arrears connectors register as {@link ArrearsConnector} only (their own interface), and are monitored too. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<ArrearsConnector> arrearsConnectors = new CopyOnWriteArrayList<>();

    @Activate
    public OperatorDesk(@Reference ApplicationStore store, @Reference StaffAccounts staff, BundleContext context) {
        this.store = store;
        this.staff = staff;
        this.context = context;
        String home = context.getProperty("openikfz.home");
        this.evidence = new EvidenceShelf(java.nio.file.Path.of(home == null || home.isBlank() ? "." : home));
        context.addBundleListener(listener);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(listener);
    }

    private void record(BundleEvent event) {
        String type = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "BUNDLE_INSTALLED";
            case BundleEvent.UPDATED -> "BUNDLE_UPDATED";
            case BundleEvent.STARTED -> "BUNDLE_STARTED";
            case BundleEvent.STOPPED -> "BUNDLE_STOPPED";
            case BundleEvent.UNINSTALLED -> "BUNDLE_UNINSTALLED";
            default -> null;
        };
        if (type == null) {
            return;
        }
        Bundle bundle = event.getBundle();
        if (!source(bundle).startsWith("deploy/") && event.getType() != BundleEvent.UPDATED) {
            return; // the feature's bundles start and stop with the platform: not a deployment
        }
        try {
            store.appendAudit(null, type, "bundle=" + bundle.getSymbolicName() + ";version=" + bundle.getVersion() + ";source=" + source(bundle));
        } catch (RuntimeException e) {
            // the store may be going down with the framework: nothing to record then
        }
    }

    @Override
    public List<InstalledBundle> bundles(StaffSession session) {
        staff.require(session, Role.OPERATOR);
        List<InstalledBundle> bundles = new ArrayList<>();
        ServiceComponentRuntime scr = components;
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName();
            String source = source(bundle);
            if (!name.startsWith("org.openikfz.") && !source.startsWith("deploy/")) {
                continue; // the libraries are the feature's business
            }
            List<String> states = new ArrayList<>();
            boolean satisfied = true;
            if (scr != null) {
                for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                    for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                        String state = switch (configuration.state) {
                            case ComponentConfigurationDTO.ACTIVE -> "aktiv";
                            case ComponentConfigurationDTO.SATISFIED -> "bereit";
                            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "wartet auf einen Dienst";
                            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "wartet auf Konfiguration";
                            default -> "fehlerhaft";
                        };
                        satisfied &= configuration.state == ComponentConfigurationDTO.ACTIVE
                                || configuration.state == ComponentConfigurationDTO.SATISFIED;
                        states.add(simpleName(description.name) + ": " + state);
                    }
                }
            }
            bundles.add(new InstalledBundle(name, bundle.getVersion().toString(), kind(bundle, name), state(bundle.getState()), source, states,
                    bundle.getState() == Bundle.ACTIVE && satisfied));
        }
        bundles.sort(Comparator.comparing(InstalledBundle::kind).thenComparing(InstalledBundle::symbolicName));
        return bundles;
    }

    @Override
    public List<ConnectorHealth> connectors(StaffSession session) {
        staff.require(session, Role.OPERATOR);
        List<ConnectorHealth> health = new ArrayList<>();
        Set<MonitoredConnector> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(connectors);
        all.addAll(arrearsConnectors);
        for (MonitoredConnector connector : all) {
            try {
                health.add(connector.health());
            } catch (RuntimeException e) {
                health.add(new ConnectorHealth(connector.getClass().getName(), "-", ConnectorHealth.State.DOWN, "-", null,
                        null, "health not available: " + e.getClass().getSimpleName(), 0, 0));
            }
        }
        health.sort(Comparator.comparing(ConnectorHealth::name));
        return health;
    }

    @Override
    public List<PlatformEvent> deployments(StaffSession session) {
        staff.require(session, Role.OPERATOR);
        return store.systemEvents("BUNDLE_", 200).stream().map(e -> new PlatformEvent(e.occurredAt(), e.type(), e.detail())).toList();
    }

    @Override
    public String database(StaffSession session) {
        staff.require(session, Role.OPERATOR);
        StoreInfo info = store.info();
        return info.databaseProduct() + ", Schema " + info.schemaVersion() + ", " + (info.healthy() ? "erreichbar" : "NICHT erreichbar");
    }

    @Override
    public String verifyAuditTrail(StaffSession session) {
        var member = staff.require(session, Role.OPERATOR, Role.AUDITOR);
        AuditVerification result = store.verifyAudit();
        store.appendAudit(null, "AUDIT_VERIFIED", "by=" + member.user() + ";intact=" + result.intact() + ";events=" + result.verified());
        if (result.intact()) {
            return "Protokoll unverändert: " + result.verified() + " Einträge geprüft"
                    + (result.legacy() > 0 ? ", " + result.legacy() + " aus der Zeit vor der Hash-Kette nicht prüfbar" : "") + ".";
        }
        return "Protokoll VERÄNDERT: " + String.join("; ", result.problems());
    }

    @Override
    public java.util.Optional<org.openikfz.api.backoffice.EvidenceSummary> latestEvidence(StaffSession session) {
        staff.require(session, Role.OPERATOR);
        return evidence.latest();
    }

    @Override
    public byte[] latestEvidenceArchive(StaffSession session) {
        var member = staff.require(session, Role.OPERATOR);
        var newest = evidence.newest();
        if (newest.isEmpty()) {
            return new byte[0];
        }
        byte[] archive = evidence.archive(newest.get());
        store.appendAudit(null, "EVIDENCE_DOWNLOADED", "by=" + member.user() + ";dossier=" + newest.get().getFileName());
        return archive;
    }

    private static String source(Bundle bundle) {
        String location = bundle.getLocation();
        int deploy = location.lastIndexOf("/deploy/");
        return deploy >= 0 ? location.substring(deploy + 1) : "feature";
    }

    private static String kind(Bundle bundle, String name) {
        if (name.startsWith("org.openikfz.")) {
            return kind(name);
        }
        // a Land's own bundle from deploy/: what it registers tells what it is
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        for (ServiceReference<?> service : services == null ? new ServiceReference<?>[0] : services) {
            if (service.getProperty(Constants.OBJECTCLASS) instanceof String[] classes
                    && Arrays.asList(classes).contains(ArrearsConnector.class.getName())) {
                return "connector";
            }
        }
        return name.contains("simulator") ? "simulator" : kind(name);
    }

    private static String kind(String name) {
        if (name.startsWith("org.openikfz.procedure.")) {
            return "procedure";
        } else if (name.startsWith("org.openikfz.check.")) {
            return "check";
        } else if (name.startsWith("org.openikfz.connector.")) {
            return "connector";
        } else if (name.startsWith("org.openikfz.simulator")) {
            return "simulator";
        }
        return "platform";
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    private static String simpleName(String component) {
        return component.substring(component.lastIndexOf('.') + 1);
    }
}
