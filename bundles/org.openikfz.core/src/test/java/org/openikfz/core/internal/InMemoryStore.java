package org.openikfz.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.openikfz.store.api.Application;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.AuditEntry;
import org.openikfz.store.api.AuditEvent;
import org.openikfz.store.api.AuditVerification;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseFile;
import org.openikfz.store.api.DecisionRecord;
import org.openikfz.store.api.OutboxEntry;
import org.openikfz.store.api.OutboxMessage;
import org.openikfz.store.api.StaffAccount;
import org.openikfz.store.api.StoreActivity;
import org.openikfz.store.api.StoreInfo;
import org.openikfz.store.api.TraceRecord;

/**
 * The store's contract for the engine's unit tests, in memory: cases with compare-and-set on the
 * version, dialog data, the audit trail, the outbox, decision records. A transaction works on a copy
 * and is taken over only when its work returns (rolled back when it throws), like the real store.
 * The staff's accounts are not needed here.
 */
final class InMemoryStore implements ApplicationStore {

    private final Clock clock;
    private State state = new State();

    /** An application whose transfers cannot be queued (a case the database refuses), or null. */
    volatile UUID refuseTransfersOf;

    InMemoryStore(Clock clock) {
        this(clock, true);
    }

    /** With {@code shared} false, a store no other process writes (the embedded H2 database's case). */
    InMemoryStore(Clock clock, boolean shared) {
        this.clock = clock;
        this.shared = shared;
    }

    private final boolean shared;

    @Override
    public boolean sharedBetweenProcesses() {
        return shared;
    }

    /** Everything the store holds; copied for a transaction. */
    private static final class State {
        final Map<UUID, Case> cases = new LinkedHashMap<>();
        final Map<UUID, Map<String, String>> data = new HashMap<>();
        final List<AuditEvent> audit = new ArrayList<>();
        final Map<Long, OutboxMessage> outbox = new TreeMap<>();
        final Map<UUID, DecisionRecord> decisions = new HashMap<>();
        final Map<UUID, List<TraceRecord>> traces = new HashMap<>();
        final Map<String, UUID> claims = new HashMap<>();
        long nextId = 1;
        long decisionNumber = 0;

        State copy() {
            State s = new State();
            s.cases.putAll(cases);
            data.forEach((k, v) -> s.data.put(k, new HashMap<>(v)));
            s.audit.addAll(audit);
            s.outbox.putAll(outbox);
            s.decisions.putAll(decisions);
            s.traces.putAll(traces);
            s.claims.putAll(claims);
            s.nextId = nextId;
            s.decisionNumber = decisionNumber;
            return s;
        }
    }

    // ---- what the tests read ----

    synchronized List<String> auditTypes(UUID id) {
        return state.audit.stream().filter(e -> id.equals(e.applicationId())).map(AuditEvent::type).toList();
    }

    synchronized List<OutboxMessage> outboxOf(UUID id) {
        return state.outbox.values().stream().filter(m -> m.applicationId().equals(id)).toList();
    }

    // ---- the case ----

    @Override
    public synchronized Case insertCase(Case c) {
        Instant now = clock.instant();
        Case stored = new Case(c.id(), c.procedureId(), c.procedureVersion(), c.authorityId(), c.state(), 0, c.correctionsLeft(),
                c.tokenHash(), c.eidState(), c.identified(), c.leaseUntil(), c.verifiedHash(), c.feeTotal(), c.paymentId(), c.paidAt(),
                c.decision(), c.dueAt(), now, now, c.reference(), c.statusHash());
        state.cases.put(c.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<Case> findCaseByReference(String reference) {
        return state.cases.values().stream().filter(c -> reference.equals(c.reference())).findFirst();
    }

    @Override
    public synchronized Optional<Case> findCase(UUID id) {
        return Optional.ofNullable(state.cases.get(id));
    }

    /** Runs once right after the next case file is read: another writer changing the case before the reader's transaction. */
    private Runnable afterNextRead;

    synchronized void afterNextRead(Runnable change) {
        afterNextRead = change;
    }

    @Override
    public synchronized Optional<CaseFile> findCaseFile(UUID id) {
        Optional<CaseFile> file = findCase(id).map(c -> new CaseFile(c, new TreeMap<>(state.data.getOrDefault(id, Map.of()))));
        Runnable change = afterNextRead;
        afterNextRead = null;
        if (change != null) {
            change.run();
        }
        return file;
    }

    /** Runs once right before the next compare-and-set of a case: another writer that gets there first. */
    private Runnable beforeNextUpdate;

    synchronized void beforeNextUpdate(Runnable change) {
        beforeNextUpdate = change;
    }

    @Override
    public synchronized Optional<Case> updateCase(Case next) {
        Runnable change = beforeNextUpdate;
        beforeNextUpdate = null;
        if (change != null) {
            change.run();
        }
        Case current = state.cases.get(next.id());
        if (current == null || current.version() != next.version()) {
            return Optional.empty();
        }
        Case stored = new Case(next.id(), next.procedureId(), next.procedureVersion(), next.authorityId(), next.state(), next.version() + 1,
                next.correctionsLeft(), next.tokenHash(), next.eidState(), next.identified(), next.leaseUntil(), next.verifiedHash(),
                next.feeTotal(), next.paymentId(), next.paidAt(), next.decision(), next.dueAt(), current.createdAt(), clock.instant(),
                current.reference() != null ? current.reference() : next.decision() == null ? null : next.decision().reference(),
                current.statusHash());
        state.cases.put(next.id(), stored);
        return Optional.of(stored);
    }

    @Override
    public synchronized List<Case> casesDue(String s, Instant dueBy, int limit) {
        return casesDue(dueBy, Integer.MAX_VALUE).stream().filter(c -> c.state().equals(s)).limit(limit).toList();
    }

    @Override
    public synchronized List<Case> casesDue(Instant dueBy, int limit) {
        return state.cases.values().stream().filter(c -> c.dueAt() != null && !c.dueAt().isAfter(dueBy))
                .sorted(Comparator.comparing(Case::dueAt)).limit(limit).toList();
    }

    @Override
    public synchronized List<Case> casesTransferred(String s, Instant updatedBefore, int limit) {
        return state.cases.values().stream().filter(c -> c.state().equals(s) && c.updatedAt().isBefore(updatedBefore))
                .filter(c -> state.outbox.values().stream().noneMatch(m -> m.applicationId().equals(c.id()) && !m.delivered()
                        && !m.destination().equals("mail")))
                .limit(limit).toList();
    }

    @Override
    public synchronized long nextDecisionNumber() {
        return ++state.decisionNumber;
    }

    // ---- dialog data ----

    @Override
    public synchronized void putData(UUID id, String key, String value) {
        putData(id, Map.of(key, value));
    }

    @Override
    public synchronized void putData(UUID id, Map<String, String> data) {
        if (!state.cases.containsKey(id)) {
            throw new org.openikfz.store.api.StoreException("no application " + id);
        }
        state.data.computeIfAbsent(id, k -> new HashMap<>()).putAll(data);
    }

    @Override
    public synchronized Optional<String> getData(UUID id, String key) {
        return Optional.ofNullable(state.data.getOrDefault(id, Map.of()).get(key));
    }

    @Override
    public synchronized Map<String, String> getData(UUID id) {
        return new TreeMap<>(state.data.getOrDefault(id, Map.of()));
    }

    @Override
    public synchronized Optional<UUID> claimVehicles(UUID id, Collection<String> vehicles, Collection<String> ended) {
        for (String vehicle : vehicles) {
            UUID holder = state.claims.get(vehicle);
            Case held = holder == null ? null : state.cases.get(holder);
            if (holder != null && !holder.equals(id) && held != null && !ended.contains(held.state())) {
                return Optional.of(holder);
            }
        }
        vehicles.forEach(v -> state.claims.put(v, id));
        return Optional.empty();
    }

    /** The applications holding a claim, by vehicle (for the tests). */
    synchronized Map<String, UUID> claims() {
        return Map.copyOf(state.claims);
    }

    @Override
    public synchronized int deleteData(UUID id) {
        state.claims.values().removeIf(id::equals);
        Map<String, String> removed = state.data.remove(id);
        return removed == null ? 0 : removed.size();
    }

    private final Map<UUID, String> assignments = new HashMap<>();

    @Override
    public synchronized boolean assignCase(UUID applicationId, String expected, String assignee) {
        if (!java.util.Objects.equals(assignments.get(applicationId), expected)) {
            return false;
        }
        if (assignee == null) {
            assignments.remove(applicationId);
        } else {
            assignments.put(applicationId, assignee);
        }
        return true;
    }

    @Override
    public synchronized Map<UUID, String> caseAssignments(Collection<UUID> applicationIds) {
        Map<UUID, String> held = new HashMap<>();
        applicationIds.forEach(id -> {
            String holder = assignments.get(id);
            if (holder != null) {
                held.put(id, holder);
            }
        });
        return held;
    }

    @Override
    public synchronized int removeData(UUID id, Collection<String> keys) {
        Map<String, String> data = state.data.getOrDefault(id, new HashMap<>());
        int n = 0;
        for (String k : keys) {
            n += data.remove(k) == null ? 0 : 1;
        }
        return n;
    }

    // ---- audit, outbox, decisions ----

    @Override
    public synchronized AuditEvent appendAudit(UUID id, String type, String detail) {
        AuditEvent e = new AuditEvent(state.nextId++, id, clock.instant(), type, detail);
        state.audit.add(e);
        return e;
    }

    @Override
    public synchronized void appendAudit(List<AuditEntry> events) {
        events.forEach(e -> appendAudit(e.applicationId(), e.type(), e.detail()));
    }

    @Override
    public synchronized List<AuditEvent> auditTrail(UUID id) {
        return state.audit.stream().filter(e -> id.equals(e.applicationId())).toList();
    }

    @Override
    public synchronized OutboxMessage enqueue(UUID id, String destination, String label, String payload) {
        if (id.equals(refuseTransfersOf)) {
            throw new org.openikfz.store.api.StoreException("Could not queue a transfer (a broken case)", null);
        }
        OutboxMessage m = new OutboxMessage(state.nextId++, id, destination, payload, clock.instant(), null);
        state.outbox.put(m.id(), m);
        return m;
    }

    @Override
    public synchronized OutboxMessage enqueue(UUID id, String destination, String payload) {
        return enqueue(id, destination, null, payload);
    }

    @Override
    public synchronized List<OutboxMessage> undelivered(int limit) {
        return state.outbox.values().stream().filter(m -> !m.delivered()).limit(limit).toList();
    }

    /** The claims of several nodes, as the store keeps them: message id to node and until when. */
    private final Map<Long, Map.Entry<String, Instant>> claims = new java.util.HashMap<>();

    @Override
    public synchronized List<OutboxMessage> claimUndelivered(String node, Instant now, Instant until, int limit) {
        List<OutboxMessage> claimed = state.outbox.values().stream().filter(m -> !m.delivered()).filter(m -> {
            Map.Entry<String, Instant> c = claims.get(m.id());
            return c == null || c.getValue().isBefore(now) || c.getKey().equals(node);
        }).limit(limit).toList();
        claimed.forEach(m -> claims.put(m.id(), Map.entry(node, until)));
        return claimed;
    }

    @Override
    public synchronized boolean markDelivered(long messageId) {
        OutboxMessage m = state.outbox.get(messageId);
        if (m == null || m.delivered()) {
            return false;
        }
        state.outbox.put(messageId, new OutboxMessage(m.id(), m.applicationId(), m.destination(), null, m.createdAt(), clock.instant()));
        return true;
    }

    @Override
    public synchronized int withdrawUndelivered(UUID id, String destination) {
        List<OutboxMessage> open = state.outbox.values().stream()
                .filter(m -> m.applicationId().equals(id) && m.destination().equals(destination) && !m.delivered()).toList();
        open.forEach(m -> state.outbox.put(m.id(), new OutboxMessage(m.id(), m.applicationId(), m.destination(), null, m.createdAt(),
                clock.instant())));
        return open.size();
    }

    @Override
    public synchronized void recordDecision(DecisionRecord d) {
        state.decisions.put(d.applicationId(), d);
    }

    @Override
    public synchronized Optional<DecisionRecord> findDecision(UUID id) {
        return Optional.ofNullable(state.decisions.get(id));
    }

    @Override
    public synchronized void decisionEffective(UUID id, LocalDate effectiveOn) {
        DecisionRecord d = state.decisions.get(id);
        if (d != null) {
            state.decisions.put(id, new DecisionRecord(d.applicationId(), d.procedureId(), d.authorityId(), d.reference(),
                    d.procedureVersion(), d.decidedAt(), effectiveOn, d.reviewState(), d.drawnBy(), d.drawnAt(), d.reviewer(),
                    d.reviewedAt(), d.reviewNote()));
        }
    }

    @Override
    public synchronized void replaceTrace(UUID id, List<TraceRecord> trace) {
        state.traces.put(id, List.copyOf(trace));
    }

    @Override
    public synchronized List<TraceRecord> trace(UUID id) {
        return state.traces.getOrDefault(id, List.of());
    }

    @Override
    public synchronized <T> T inTransaction(Function<ApplicationStore, T> work) {
        State before = state;
        state = before.copy();
        try {
            return work.apply(this);
        } catch (RuntimeException | Error e) {
            state = before;
            throw e;
        }
    }

    @Override
    public void maintain() {
    }

    @Override
    public int sealAudit() {
        return 0;
    }

    @Override
    public StoreActivity activity() {
        return new StoreActivity(0, 0, 0);
    }

    @Override
    public synchronized List<org.openikfz.store.api.CaseCount> countCases() {
        Map<List<String>, Long> counts = new java.util.TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        state.cases.values().forEach(c -> counts.merge(List.of(c.procedureId(), c.state()), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> new org.openikfz.store.api.CaseCount(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .toList();
    }

    @Override
    public synchronized Map<String, Long> undeliveredByDestination() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        state.outbox.values().stream().filter(m -> !m.delivered()).forEach(m -> counts.merge(m.destination(), 1L, Long::sum));
        return counts;
    }

    @Override
    public String dialect() {
        return "MEMORY";
    }

    @Override
    public StoreInfo info() {
        return new StoreInfo("MEMORY", "in memory", "-", true);
    }

    // ---- not needed by the engine's flows ----

    @Override
    public Application create(String procedureId, String authorityId, String initialState, int correctionsLeft) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Application> find(UUID applicationId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Application> transition(UUID applicationId, String expectedState, String newState, int correctionsLeft) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Application> findByState(String s, Instant updatedBefore, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<AuditEvent> systemEvents(String typePrefix, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int purgeAudit(Instant cutoff) {
        return 0;
    }

    @Override
    public AuditVerification verifyAudit() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<OutboxEntry> outbox(String destination, String authorityId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StaffAccount> findAccount(String user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StaffAccount> accounts() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean createAccount(StaffAccount account) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordLogin(String user, long lastTotpStep, int failedLogins, Instant lockedUntil) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<DecisionRecord> decisions(String authorityId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean review(UUID applicationId, String expectedState, String newState, String drawnBy, String reviewer, String note) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int purgeDecisions(Instant cutoff) {
        return 0;
    }

    @Override
    public boolean claimLoginAttempt(String user, Instant now, int maxFailures, Instant lockUntil) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean claimTotpStep(String user, long step) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean setPasswordHash(String user, String passwordHash) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean setTotpSecret(String user, String totpSecret, boolean newSecret) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean setLockedUntil(String user, Instant until) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean deleteAccount(String user) {
        throw new UnsupportedOperationException();
    }
}
