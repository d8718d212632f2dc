package org.openikfz.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.application.Authority;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.application.PublicStatus;
import org.openikfz.api.connector.IdentityProvider;
import org.openikfz.api.connector.PaymentProvider;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.health.JobStatus;
import org.openikfz.api.health.PlatformHealth;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.core.internal.jobs.Jobs;
import org.openikfz.store.api.ApplicationStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The engine as a service: a façade over its units (dialog, verification, payment and decision, documents, status
 * page, the staff's decisions, background work) and the wiring of what comes and goes at runtime (procedures, checks,
 * connectors). An application whose procedure is not deployed right now stays untouched and answers "not available
 * right now"; a check that is missing or cannot complete sends the case to the clerks — never a silent pass.
 */
@Component(service = {ApplicationService.class, PlatformHealth.class, Engine.class}, configurationPid = EngineConfig.PID)
@Designate(ocd = EngineConfig.class)
public final class Engine implements ApplicationService, PlatformHealth {

    private static final Logger LOG = System.getLogger(Engine.class.getName());

    // dynamic and greedy: a clock service with a higher ranking takes over without a restart
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PaymentProvider payment;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile IdentityProvider identity;
    private final Destinations targets = new Destinations();
    private final Jobs jobs = new Jobs(Clock.systemUTC());
    private final Core core;
    private final DialogFlow dialog;
    private final VerificationFlow verification;
    private final PaymentFlow payments;
    private final Documents documents;
    private final ClerkDecisions staff;
    private final Background background;
    private final StatusPage statusPage;

    @Activate
    public Engine(@Reference ApplicationStore store, @Reference org.openikfz.core.internal.operations.Observations observations,
            @Reference Registry registry, EngineConfig config, org.osgi.framework.BundleContext context) {
        this.core = Core.of(config, store, () -> clock, registry, () -> payment, () -> identity, observations, context.getProperty("openikfz.home"));
        this.verification = VerificationFlow.of(core, config, observations);
        this.dialog = new DialogFlow(core, verification::identityFindings, verification::plateFindings);
        this.payments = new PaymentFlow(core);
        this.documents = new Documents(core);
        this.staff = new ClerkDecisions(core, Math.max(1, config.review_manualIntervalDays()), verification::recheck);
        this.statusPage = new StatusPage(core, config.clerks_decisionDays());
        String node = NodeId.of(config.node_id(), context.getProperty("openikfz.home"));
        this.background = Background.of(core, targets, payments, node, config);
        // a round waits until the clock is bound (DS binds it right after activation)
        background.schedule(jobs, Duration.ofMillis(Math.max(50, config.housekeeping_period())), () -> clock != null);
        LOG.log(Level.INFO, "Open i-Kfz engine ready for authority " + config.authority() + " (Land " + config.land() + "), "
                + Math.max(1, config.check_threads()) + " check threads; this node's id (claims on the outbox): " + node);
    }

    @Deactivate
    void deactivate() {
        LOG.log(Level.INFO, "Open i-Kfz engine stopping");
        jobs.close();
        background.close();
        verification.close();
    }

    // ---- what comes and goes ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransferTarget(TransferTarget target) {
        targets.add(target);
    }

    void removeTransferTarget(TransferTarget target) {
        targets.remove(target);
    }

    // ---- the applicant's requests ----

    @Override
    public ApplicationRef open(ProcedureId procedure, String authority) {
        return dialog.open(procedure, authority);
    }

    @Override
    public ApplicationStatus status(ApplicationRef ref) {
        return dialog.status(ref);
    }

    @Override
    public URI startIdentification(ApplicationRef ref, URI returnTo) {
        return dialog.startIdentification(ref, returnTo);
    }

    @Override
    public ApplicationStatus completeIdentification(ApplicationRef ref, String code) {
        return dialog.completeIdentification(ref, code);
    }

    @Override
    public Map<String, org.openikfz.api.text.LocalizedText> answer(ApplicationRef ref, Map<String, String> answers) {
        return dialog.answer(ref, answers);
    }

    @Override
    public ApplicationStatus verify(ApplicationRef ref) {
        return verification.verify(ref);
    }

    @Override
    public URI startPayment(ApplicationRef ref, URI returnTo) {
        return payments.startPayment(ref, returnTo);
    }

    @Override
    public ApplicationStatus submit(ApplicationRef ref) {
        return payments.submit(ref);
    }

    @Override
    public ApplicationStatus withdraw(ApplicationRef ref) {
        return payments.withdraw(ref);
    }

    @Override
    public Optional<byte[]> document(ApplicationRef ref, DocumentKind kind) {
        return documents.document(ref, kind);
    }

    @Override
    public ApplicationStatus requestConfirmations(ApplicationRef ref, String email) {
        return dialog.requestConfirmations(ref, email);
    }

    @Override
    @Deprecated
    public Optional<PublicStatus> publicStatus(String reference, String statusCode) {
        return statusPage.lookUp(reference, statusCode, null);
    }

    @Override
    public Optional<PublicStatus> publicStatus(String reference, String statusCode, String clientAddress) {
        return statusPage.lookUp(reference, statusCode, clientAddress);
    }

    @Override
    public Authority authority() {
        return statusPage.authority();
    }

    // ---- health, and the back office's desks (same bundle) ----

    @Override
    public List<JobStatus> jobs() {
        return jobs.status();
    }

    @Override
    public java.util.Map<String, List<String>> withheldProcedures() {
        return core.registry.withheld();
    }

    /** The clerks' and reviewers' decisions (FZV § 19(1) S. 4, § 23(3)), for the back office's desks. */
    ClerkDecisions clerks() {
        return staff;
    }
}
