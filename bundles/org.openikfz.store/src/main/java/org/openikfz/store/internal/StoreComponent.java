package org.openikfz.store.internal;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.openikfz.store.api.Application;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.AuditEvent;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseFile;
import org.openikfz.store.api.AuditVerification;
import org.openikfz.store.api.DecisionRecord;
import org.openikfz.store.api.OutboxEntry;
import org.openikfz.store.api.TraceRecord;
import org.openikfz.store.api.OutboxMessage;
import org.openikfz.store.api.StaffAccount;
import org.openikfz.store.api.StoreActivity;
import org.openikfz.store.api.StoreInfo;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The store as a service. Activation opens the pool and migrates the schema; a changed
 * configuration re-activates the component (new pool), deactivation closes the pool. Without a
 * configuration it runs on the embedded H2 database under {@code ${openikfz.home}/data}.
 */
@Component(
        service = ApplicationStore.class,
        configurationPid = StoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = StoreConfig.class)
public final class StoreComponent implements ApplicationStore {

    private static final System.Logger LOG = System.getLogger(StoreComponent.class.getName());

    private final Database database;
    private final AuditSealer sealer;
    private final ApplicationStore store;
    private final boolean shared;

    @Activate
    public StoreComponent(StoreConfig config, BundleContext context) {
        this(StoreSettings.from(config, context::getProperty),
                AuditKey.loadOrCreate(StoreSettings.auditKeyFile(config, context::getProperty)),
                StoreSettings.checkpointFile(config, context::getProperty), Clock.systemUTC());
    }

    StoreComponent(StoreSettings settings, byte[] auditKey, Path checkpointFile, Clock clock) {
        AuditChain chain = new AuditChain(auditKey);
        this.database = Database.open(settings);
        this.shared = settings.sharedBetweenProcesses();
        this.sealer = new AuditSealer(database.dsl(), chain, new AuditCheckpoints(checkpointFile, chain), clock);
        this.store = new JooqApplicationStore(database.dsl(), clock, this::info, sealer, database::activity);
        try {
            sealer.start();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        LOG.log(Level.INFO, "Open i-Kfz store ready: {0}, {1}, schema version {2}; audit checkpoints in {3}",
                settings.safeUrl(), database.product(), database.schemaVersion(), checkpointFile);
    }

    @Deactivate
    void close() {
        try {
            sealer.checkpoint(); // what was appended is in the chain, and the checkpoints know its end
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sealing the audit trail at shutdown failed: " + e.getMessage());
        } finally {
            database.close();
        }
    }

    @Override
    public void maintain() {
        database.maintain();
    }

    @Override
    public int sealAudit() {
        return store.sealAudit();
    }

    @Override
    public Application create(String procedureId, String authorityId, String initialState, int correctionsLeft) {
        return store.create(procedureId, authorityId, initialState, correctionsLeft);
    }

    @Override
    public Optional<Application> find(UUID applicationId) {
        return store.find(applicationId);
    }

    @Override
    public Optional<Application> transition(UUID applicationId, String expectedState, String newState,
            int correctionsLeft) {
        return store.transition(applicationId, expectedState, newState, correctionsLeft);
    }

    @Override
    public List<Application> findByState(String state, Instant updatedBefore, int limit) {
        return store.findByState(state, updatedBefore, limit);
    }

    @Override
    public void putData(UUID applicationId, String key, String value) {
        store.putData(applicationId, key, value);
    }

    @Override
    public void putData(UUID applicationId, Map<String, String> data) {
        store.putData(applicationId, data);
    }

    @Override
    public Optional<String> getData(UUID applicationId, String key) {
        return store.getData(applicationId, key);
    }

    @Override
    public Map<String, String> getData(UUID applicationId) {
        return store.getData(applicationId);
    }

    @Override
    public int deleteData(UUID applicationId) {
        return store.deleteData(applicationId);
    }

    @Override
    public Optional<UUID> claimVehicles(UUID applicationId, java.util.Collection<String> vehicles, java.util.Collection<String> ended) {
        return store.claimVehicles(applicationId, vehicles, ended);
    }

    @Override
    public AuditEvent appendAudit(UUID applicationId, String type, String detail) {
        return store.appendAudit(applicationId, type, detail);
    }

    @Override
    public List<AuditEvent> auditTrail(UUID applicationId) {
        return store.auditTrail(applicationId);
    }

    @Override
    public List<AuditEvent> systemEvents(String typePrefix, int limit) {
        return store.systemEvents(typePrefix, limit);
    }

    @Override
    public int purgeAudit(Instant cutoff) {
        return store.purgeAudit(cutoff);
    }

    @Override
    public boolean assignCase(UUID applicationId, String expected, String assignee) {
        return store.assignCase(applicationId, expected, assignee);
    }

    @Override
    public Map<UUID, String> caseAssignments(Collection<UUID> applicationIds) {
        return store.caseAssignments(applicationIds);
    }

    @Override
    public int removeData(UUID applicationId, Collection<String> keys) {
        return store.removeData(applicationId, keys);
    }

    @Override
    public Optional<Case> updateCase(Case next, Map<String, String> data) {
        return store.updateCase(next, data);
    }

    @Override
    public int changeData(UUID applicationId, Map<String, String> set, Collection<String> remove) {
        return store.changeData(applicationId, set, remove);
    }

    @Override
    public OutboxMessage enqueue(UUID applicationId, String destination, String label, String payload) {
        return store.enqueue(applicationId, destination, label, payload);
    }

    @Override
    public List<OutboxEntry> outbox(String destination, String authorityId, int limit) {
        return store.outbox(destination, authorityId, limit);
    }

    @Override
    public Optional<StaffAccount> findAccount(String user) {
        return store.findAccount(user);
    }

    @Override
    public List<StaffAccount> accounts() {
        return store.accounts();
    }

    @Override
    public boolean createAccount(StaffAccount account) {
        return store.createAccount(account);
    }

    @Override
    public void recordLogin(String user, long lastTotpStep, int failedLogins, Instant lockedUntil) {
        store.recordLogin(user, lastTotpStep, failedLogins, lockedUntil);
    }

    @Override
    public void recordDecision(DecisionRecord decision) {
        store.recordDecision(decision);
    }

    @Override
    public Optional<DecisionRecord> findDecision(UUID applicationId) {
        return store.findDecision(applicationId);
    }

    @Override
    public List<DecisionRecord> decisions(String authorityId, int limit) {
        return store.decisions(authorityId, limit);
    }

    @Override
    public void decisionEffective(UUID applicationId, java.time.LocalDate effectiveOn) {
        store.decisionEffective(applicationId, effectiveOn);
    }

    @Override
    public boolean review(UUID applicationId, String expectedState, String newState, String drawnBy, String reviewer, String note) {
        return store.review(applicationId, expectedState, newState, drawnBy, reviewer, note);
    }

    @Override
    public void replaceTrace(UUID applicationId, List<TraceRecord> trace) {
        store.replaceTrace(applicationId, trace);
    }

    @Override
    public List<TraceRecord> trace(UUID applicationId) {
        return store.trace(applicationId);
    }

    @Override
    public int purgeDecisions(Instant cutoff) {
        return store.purgeDecisions(cutoff);
    }

    @Override
    public AuditVerification verifyAudit() {
        return store.verifyAudit();
    }

    @Override
    public OutboxMessage enqueue(UUID applicationId, String destination, String payload) {
        return store.enqueue(applicationId, destination, payload);
    }

    @Override
    public List<OutboxMessage> undelivered(int limit) {
        return store.undelivered(limit);
    }

    @Override
    public List<OutboxMessage> claimUndelivered(String node, Instant now, Instant until, int limit) {
        return store.claimUndelivered(node, now, until, limit);
    }

    @Override
    public boolean markDelivered(long messageId) {
        return store.markDelivered(messageId);
    }

    @Override
    public int withdrawUndelivered(UUID applicationId, String destination) {
        return store.withdrawUndelivered(applicationId, destination);
    }

    @Override
    public <T> T inTransaction(Function<ApplicationStore, T> work) {
        return store.inTransaction(work);
    }

    @Override
    public String dialect() {
        return database.dialect().name();
    }

    @Override
    public boolean sharedBetweenProcesses() {
        return shared;
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo(database.dialect().name(), database.product(), database.schemaVersion(),
                database.healthy());
    }

    @Override
    public StoreActivity activity() {
        return database.activity();
    }

    @Override
    public List<org.openikfz.store.api.CaseCount> countCases() {
        return store.countCases();
    }

    @Override
    public Map<String, Long> undeliveredByDestination() {
        return store.undeliveredByDestination();
    }

    @Override
    public Case insertCase(Case initial) {
        return store.insertCase(initial);
    }

    @Override
    public Optional<Case> findCase(UUID applicationId) {
        return store.findCase(applicationId);
    }

    @Override
    public Optional<Case> findCaseByReference(String reference) {
        return store.findCaseByReference(reference);
    }

    @Override
    public Optional<CaseFile> findCaseFile(UUID applicationId) {
        return store.findCaseFile(applicationId);
    }

    @Override
    public Optional<Case> updateCase(Case next) {
        return store.updateCase(next);
    }

    @Override
    public List<Case> casesDue(String state, Instant dueBy, int limit) {
        return store.casesDue(state, dueBy, limit);
    }

    @Override
    public List<Case> casesDue(Instant dueBy, int limit) {
        return store.casesDue(dueBy, limit);
    }

    @Override
    public List<Case> casesTransferred(String state, Instant updatedBefore, int limit) {
        return store.casesTransferred(state, updatedBefore, limit);
    }

    @Override
    public long nextDecisionNumber() {
        return store.nextDecisionNumber();
    }

    @Override
    public boolean claimLoginAttempt(String user, Instant now, int maxFailures, Instant lockUntil) {
        return store.claimLoginAttempt(user, now, maxFailures, lockUntil);
    }

    @Override
    public boolean setPasswordHash(String user, String passwordHash) {
        return store.setPasswordHash(user, passwordHash);
    }

    @Override
    public boolean setTotpSecret(String user, String totpSecret, boolean newSecret) {
        return store.setTotpSecret(user, totpSecret, newSecret);
    }

    @Override
    public boolean setLockedUntil(String user, Instant until) {
        return store.setLockedUntil(user, until);
    }

    @Override
    public boolean deleteAccount(String user) {
        return store.deleteAccount(user);
    }

    @Override
    public boolean claimTotpStep(String user, long step) {
        return store.claimTotpStep(user, step);
    }

    @Override
    public void appendAudit(List<org.openikfz.store.api.AuditEntry> events) {
        store.appendAudit(events);
    }
}
