package org.openikfz.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openikfz.api.application.Decision;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.PaymentProvider;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.core.internal.lifecycle.CaseState;
import org.openikfz.core.internal.lifecycle.Cases;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseFile;
import org.openikfz.store.api.OutboxMessage;

/**
 * The background work, each a job of its own: closing the decision windows (FZV § 23), delivering
 * the outbox (FZV § 19(1), § 23(4)), finishing transferred cases and deleting their dialog data
 * (FZV § 19(1) S. 6), the deadlines of abandoned and aborted dialogs, and the log data's six months
 * (FZV § 18(3)). Each round asks the store only for what is due (indexed queries): an idle round
 * is a handful of queries, whatever the number of cases.
 */
final class Background {

    private static final Logger LOG = System.getLogger(Background.class.getName());
    private static final int BATCH = 500;
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** How long a run works on a backlog before it reports and lets its group's other jobs have their turn. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);
    private static final int WORKERS = 4;
    /**
     * How many cases' changes one transaction of the background work writes: after a peak (thousands
     * of windows closing at once) the commits, not the work, were what held the transfers up.
     */
    private static final int GROUP = 50;
    private static final Duration RETRY = Duration.ofMinutes(1);
    /** How many outbox messages a node claims at a time when not configured: several nodes share a backlog in these portions. */
    static final int DEFAULT_CLAIM = 500;
    /** The claim's length when not configured (see {@link EngineConfig#outbox_leaseSeconds()}). */
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    /** Senders per destination when not configured (see {@link EngineConfig#outbox_lanes()}). */
    static final int DEFAULT_LANES = 4;

    private final Core core;
    private final Function<String, TransferTarget> targets;
    private final PaymentFlow payment;
    /** This node's id: whose claims on the outbox are whose (several nodes on one database). */
    private final String node;
    /** How long a claim on outbox messages lasts; a node that died leaves them to the others after it. */
    private final Duration lease;
    /** How many outbox messages this node claims at a time. */
    private final int claim;
    /**
     * How many senders a destination has at once, each for its share of the applications (a lane): a
     * receiver that takes a while per message (the KBA's simulator writes each to its disk) is sent
     * to this many times in parallel, and the messages of one application stay in their order.
     */
    private final int lanes;
    private final Map<String, Backoff> backoff = new ConcurrentHashMap<>();
    /** Cases whose deadline could not be worked off so far (each is due again): a round counts only those worked off. */
    private final java.util.concurrent.atomic.AtomicInteger stuck = new java.util.concurrent.atomic.AtomicInteger();
    // one sender per lane of a destination at a time (a cached pool: as many as there are lanes)
    private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "openikfz-outbox-sender");
        t.setDaemon(true);
        return t;
    });
    // the cases of a round: a few at once, so a backlog after a peak is worked off at the machine's pace
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(WORKERS, r -> {
        Thread t = new Thread(r, "openikfz-background-worker");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant lastAuditPurge = Instant.EPOCH;
    /**
     * The destinations' "delivered" marks, written in shared transactions: while one commits, the
     * marks of the other senders queue up and go in the next. After the peak of closing windows the
     * commits, one per message and destination, were what held the drain up.
     */
    private final GroupCommit<Delivered> marks = new GroupCommit<>(this::writeMarks);

    Background(Core core, Function<String, TransferTarget> targets, PaymentFlow payment) {
        this(core, targets, payment, "single", DEFAULT_LEASE, DEFAULT_CLAIM);
    }

    /** The background work as the engine's configuration sets it up (the outbox's claims and lanes). */
    static Background of(Core core, Function<String, TransferTarget> targets, PaymentFlow payment, String node, EngineConfig config) {
        return new Background(core, targets, payment, node, Duration.ofSeconds(Math.max(2, config.outbox_leaseSeconds())),
                Math.max(1, config.outbox_claimSize()), Math.clamp(config.outbox_lanes(), 1, 64));
    }

    Background(Core core, Function<String, TransferTarget> targets, PaymentFlow payment, String node, Duration lease, int claim) {
        this(core, targets, payment, node, lease, claim, DEFAULT_LANES);
    }

    Background(Core core, Function<String, TransferTarget> targets, PaymentFlow payment, String node, Duration lease, int claim,
            int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("at least one sender per destination: " + lanes);
        }
        this.lanes = lanes;
        this.core = core;
        this.targets = targets;
        this.payment = payment;
        this.node = node;
        this.lease = lease;
        this.claim = claim;
    }

    /**
     * The background jobs: deadlines, finishing transfers and the § 18(3) deletion on the
     * housekeeping thread, the outbox on its own (a slow destination does not hold the deadlines),
     * the audit sealing and the database's own housekeeping on a third. {@code ready} says whether a round may run (the clock is bound).
     */
    void schedule(org.openikfz.core.internal.jobs.Jobs jobs, Duration period, java.util.function.BooleanSupplier ready) {
        java.util.function.Function<Runnable, Runnable> guarded = work -> () -> {
            if (ready.getAsBoolean()) {
                work.run();
            }
        };
        java.util.function.Function<java.util.function.BooleanSupplier, java.util.function.BooleanSupplier> guardedBacklog =
                work -> () -> ready.getAsBoolean() && work.getAsBoolean();
        // a backlog (windows closing by the thousand, a destination back after an outage) is worked off run after run
        // without waiting a period in between: a run stops after DRAIN_LIMIT only to report, and comes again at once
        jobs.scheduleBacklog("deadlines", "housekeeping", period, guardedBacklog.apply(() -> drain(this::deadlines, BATCH)));
        jobs.scheduleBacklog("transfer-finish", "housekeeping", period, guardedBacklog.apply(() -> drain(this::finishTransferred, BATCH)));
        jobs.schedule("log-retention", "housekeeping", period, guarded.apply(this::logRetention));
        jobs.scheduleBacklog("outbox", "outbox", period, guardedBacklog.apply(() -> drain(this::deliverOutbox, claim)));
        jobs.schedule("audit-seal", "audit", period, core.store::sealAudit);
        jobs.schedule("database-maintenance", "audit", period, core.store::maintain);
    }

    /**
     * Rounds one after the other while a round found a full batch (a backlog after a peak), for at
     * most {@link #DRAIN_LIMIT}; then true when a full batch is still left: the job reports its run and
     * comes again at once, after the other jobs of its group that are due (no period's wait in between).
     */
    private static boolean drain(java.util.function.IntSupplier round, int batch) {
        long until = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (round.getAsInt() >= batch) {
            if (System.nanoTime() >= until) {
                return true; // more to do: the job comes again at once, after its group's other jobs
            }
        }
        return false;
    }

    /**
     * Every deadline that is due, whatever the state, from one indexed query (idle: that one
     * query): the decision windows (FZV § 23) and the deletion deadlines (FZV § 19(1) S. 6).
     */
    int deadlines() {
        Instant now = core.now();
        int stuckBefore = stuck.get();
        List<Case> dueCases = core.store.casesDue(now, BATCH);
        // read and prepared on the workers, written a group of cases to a commit
        java.util.Queue<Closing> closings = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.Queue<Completion> deletions = new java.util.concurrent.ConcurrentLinkedQueue<>();
        inParallel(dueCases, due -> {
            try {
                switch (CaseState.of(due.state())) {
                    case DECIDED -> closing(due, now).ifPresent(closings::add);
                    case VERIFYING -> core.store.updateCase(due.withState(CaseState.DIALOG.name()).withLeaseUntil(null)
                            .withDueAt(now.plus(core.idleTimeout))); // a verification that crashed gives its case back
                    case DIALOG -> {
                        // not while this node verifies it (the hold is its lease, nothing in the database says so)
                        if (!core.holds.verifying(due.id())) {
                            deletions.add(new Completion(due, CaseState.ABORTED_DELETED, "abandoned"));
                        }
                    }
                    case AWAITING_PAYMENT, NOT_DECIDABLE -> abandonedAfterVerification(due);
                    case ABORTED -> deletions.add(new Completion(due, CaseState.ABORTED_DELETED, "abort"));
                    default -> core.store.updateCase(due.withDueAt(null)); // nothing is due in this state any more
                }
            } catch (RuntimeException e) {
                notYet(due, e);
            }
        });
        inGroups(List.copyOf(closings), this::close, Closing::due);
        inGroups(List.copyOf(deletions), this::complete, Completion::c);
        // those that could not be worked off are due again: a round of nothing but them is no backlog to go on with
        return dueCases.size() - (stuck.get() - stuckBefore);
    }

    /** One case that cannot be worked off now must not stop the others; it is due again next round. */
    private void notYet(Case c, RuntimeException e) {
        stuck.incrementAndGet();
        LOG.log(Level.WARNING, "the deadline of application " + c.id() + " (" + c.state() + ") could not be worked off yet: "
                + e.getMessage());
    }

    /**
     * Writes the changes of {@code items}, {@link #GROUP} cases to a transaction, the groups on the
     * workers. Should a group's transaction fail, each of its cases is written again on its own, so a
     * case that cannot be written now holds up no other.
     */
    private <T> void inGroups(List<T> items, java.util.function.BiConsumer<org.openikfz.store.api.ApplicationStore, T> write,
            Function<T, Case> caseOf) {
        List<List<T>> groups = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i += GROUP) {
            groups.add(items.subList(i, Math.min(items.size(), i + GROUP)));
        }
        inParallel(groups, group -> {
            try {
                core.store.inTransaction(s -> {
                    group.forEach(item -> write.accept(s, item));
                    return null;
                });
            } catch (RuntimeException groupFailed) {
                for (T item : group) {
                    try {
                        core.store.inTransaction(s -> {
                            write.accept(s, item);
                            return null;
                        });
                    } catch (RuntimeException e) {
                        notYet(caseOf.apply(item), e);
                    }
                }
            }
        });
    }

    /**
     * Works off the items of a round (cases, or groups of them) on the background workers, each on
     * its own (every change is a compare-and-set on the case, so they cannot get in each other's
     * way); returns when all are done. An Error of one reaches the job, which reports it.
     */
    private <T> void inParallel(List<T> items, java.util.function.Consumer<T> work) {
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>(items.size());
        for (T item : items) {
            running.add(workers.submit(() -> work.accept(item)));
        }
        awaitAll(running);
    }

    private static int awaitAll(List<? extends java.util.concurrent.Future<?>> running) {
        int sum = 0;
        for (java.util.concurrent.Future<?> f : running) {
            try {
                Object result = f.get();
                sum += result instanceof Integer n ? n : 0;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sum;
            }
        }
        return sum;
    }

    /** A decision window about to close: the case as read, and what its transfer is made of. */
    private record Closing(Case due, Procedure procedure, Map<String, String> data, Answers answers, Map<String, String> facts,
            VerifiedIdentity applicant, Set<Output> outputs, Instant now) {
    }

    /**
     * FZV § 23(1)/(2), § 23(4): when the 30 minutes are over, mail what was not retrieved, then
     * transfer. Reads the case and prepares its transfer (empty: nothing to close now).
     */
    private java.util.Optional<Closing> closing(Case due, Instant now) {
        CaseFile file = core.store.findCaseFile(due.id()).orElse(null);
        // the case is read again after the list of due cases: another node (several on one database) may have closed its
        // window in between. Only a case still DECIDED is closed; the move is a compare and set on what was read here,
        // so of two nodes closing it at once one does (a move TRANSFER -> TRANSFER would be allowed and queue it all again)
        if (file == null || CaseState.of(file.state().state()) != CaseState.DECIDED || file.state().decision() == null
                || now.isBefore(file.state().decision().offeredUntil())) {
            return java.util.Optional.empty();
        }
        Procedure procedure = core.running(file.state());
        if (procedure == null) {
            // its letters depend on the procedure: it waits until that is back (looked at again in a minute), nothing is lost
            core.store.updateCase(due.withDueAt(now.plus(RETRY)));
            return java.util.Optional.empty();
        }
        Case c = file.state();
        Map<String, String> data = file.data();
        ProcedureDescription description = procedure.description();
        return java.util.Optional.of(new Closing(c, procedure, data, Core.answers(description, data), DialogRules.factsOf(data),
                DialogRules.identityOf(data).orElse(null), core.outputs(procedure, c, data), now));
    }

    /** Closes a decision window in the caller's transaction: the printout if not retrieved, the transfers queued. */
    private void close(org.openikfz.store.api.ApplicationStore s, Closing closing) {
        Case c = closing.due();
        Procedure procedure = closing.procedure();
        ProcedureDescription description = procedure.description();
        boolean mail = c.decision().retrievedAt() == null;
        // FZV § 23(1) S. 2, (2): not retrieved — a printout is mailed; effective on the day the procedure says (by default
        // the third day after mailing)
        LocalDate mailedOn = LocalDate.ofInstant(closing.now(), Core.ZONE);
        var decision = mail ? c.decision().mailed(mailedOn, mailedOn.plusDays(procedure.daysFromMailingToEffect())) : c.decision();
        var next = Cases.tryMove(s, c, CaseState.TRANSFER, x -> x.withDecision(decision).withDueAt(null));
        if (next.isEmpty()) {
            return; // someone else got there first
        }
        if (mail) {
            s.appendAudit(c.id(), "MAILED", "mailedOn=" + mailedOn + ";effectiveOn=" + decision.effectiveOn());
            s.decisionEffective(c.id(), decision.effectiveOn());
        }
        Decision transferred = Core.decision(next.get(), closing.data());
        Map<String, Object> extra = Map.of("printAndMail", mail);
        // FZV § 19(1) S. 2, § 23(4): to the authority's procedures and to the KBA
        for (String destination : List.of(TransferTarget.FACHVERFAHREN, TransferTarget.KBA)) {
            s.enqueue(c.id(), destination, core.transferPayload(next.get(), description, closing.answers(), closing.facts(),
                    closing.applicant(), transferred, extra));
        }
        List<String> letters = Letters.of(mail, closing.outputs());
        for (String kind : letters) {
            s.enqueue(c.id(), TransferTarget.POST, Letters.payload(kind, next.get().application(), description,
                    transferred, closing.outputs(), closing.answers(), closing.facts(), closing.applicant(), core.now()));
        }
        s.appendAudit(c.id(), "TRANSFER_QUEUED", "destinations=fachverfahren,kba"
                + (letters.isEmpty() ? "" : ";letters=" + String.join(",", letters)));
    }

    /**
     * FZV § 19(1), § 23(4): deliver queued transfers; receivers are idempotent by message id (exactly
     * once). Each destination on threads of its own (a slow or failing one does not hold the others
     * up): its messages are split into {@link #lanes} by application, each lane sent by one thread in
     * the order queued, so the messages of one application arrive in their order. A destination that
     * fails is left alone for a growing while (up to a minute), all its lanes, and its going down and
     * coming back are logged once each.
     *
     * <p>Several nodes on one database: a round sends only what this node claimed (up to
     * {@link #claim} messages, for the {@link #lease}), so each message is sent by one node at a
     * time. A round stops sending when half the lease has passed, so that what it sends is sent
     * while the claim holds (the next round renews the claim on the rest); a node that died leaves
     * its claimed messages to the others once the lease lapsed.
     */
    int deliverOutbox() {
        Instant now = Instant.now(); // back-off and claims are about real time, not the engine's (movable) clock
        List<OutboxMessage> claimed = core.store.claimUndelivered(node, now, now.plus(lease), claim);
        Instant sendUntil = now.plus(lease.dividedBy(2));
        Map<String, List<OutboxMessage>> byDestination = new java.util.LinkedHashMap<>();
        claimed.forEach(m -> byDestination.computeIfAbsent(m.destination(), d -> new java.util.ArrayList<>()).add(m));
        Map<java.util.UUID, String> procedures = new ConcurrentHashMap<>();
        List<java.util.concurrent.Future<Integer>> running = new java.util.ArrayList<>();
        byDestination.forEach((destination, messages) -> {
            for (List<OutboxMessage> lane : lanesOf(messages)) {
                running.add(senders.submit(() -> deliver(destination, lane, procedures, now, sendUntil)));
            }
        });
        // an Error of a connector (an OutOfMemoryError too) reaches the job, which reports it
        int delivered = awaitAll(running);
        // a full claim of which some were delivered: there may be more right away
        return delivered > 0 ? claimed.size() : 0;
    }

    /** A destination's messages in lanes by application, each in the order queued; no empty lane. */
    private List<List<OutboxMessage>> lanesOf(List<OutboxMessage> messages) {
        Map<Integer, List<OutboxMessage>> byLane = new java.util.TreeMap<>();
        for (OutboxMessage m : messages) {
            byLane.computeIfAbsent(Math.floorMod(m.applicationId().hashCode(), lanes), l -> new java.util.ArrayList<>()).add(m);
        }
        return List.copyOf(byLane.values());
    }

    private int deliver(String destination, List<OutboxMessage> messages, Map<java.util.UUID, String> procedures, Instant now,
            Instant sendUntil) {
        List<OutboxMessage> done = new java.util.ArrayList<>();
        int delivered = 0;
        try {
            for (OutboxMessage message : messages) {
                Backoff b = backoff.get(destination);
                if (b != null && now.isBefore(b.until())) {
                    break;
                }
                if (Instant.now().isAfter(sendUntil)) {
                    break; // the claim may lapse soon: the rest goes in the next round, under a renewed claim
                }
                TransferTarget target = targets.apply(destination);
                if (target == null) {
                    break; // not available right now: stays queued
                }
                String procedureId = procedures.computeIfAbsent(message.applicationId(),
                        id -> core.store.findCase(id).map(Case::procedureId).orElse("unknown"));
                long started = System.nanoTime();
                boolean acknowledged = false;
                try {
                    target.deliver(new TransferMessage(message.id(), message.applicationId(), procedureId, true, message.payload()));
                    acknowledged = true;
                } catch (ConnectorUnavailableException | RuntimeException e) {
                    Backoff next = b == null ? new Backoff(Duration.ofSeconds(1), now.plusSeconds(1))
                            : new Backoff(min(b.delay().multipliedBy(2), MAX_BACKOFF), now.plus(min(b.delay().multipliedBy(2), MAX_BACKOFF)));
                    // the destination's other lanes may fail at the same moment: the one that finds no back-off logs
                    if (backoff.put(destination, next) == null) {
                        LOG.log(Level.WARNING, "transfers to " + destination + " postponed, retried with back-off: " + e.getMessage());
                    }
                    break;
                } finally {
                    // an Error of the connector counts as a failed attempt too
                    core.observations.transfer(destination, acknowledged, Duration.ofNanos(System.nanoTime() - started));
                }
                if (backoff.remove(destination) != null) {
                    LOG.log(Level.INFO, "transfers to " + destination + " delivered again");
                }
                // marked at once: a stop (kill -9) between the receiver's acknowledgement and this commit sends this one
                // message of the lane again, never a batch of them (a letter or a KBA message twice is not harmless everywhere)
                done.add(message);
                delivered += markDelivered(destination, done);
            }
        } finally {
            // what was acknowledged is marked, even when a connector threw an Error
            delivered += markDelivered(destination, done);
        }
        return delivered;
    }

    /**
     * Marks what the destination acknowledged, and records it, in one transaction. Should the platform
     * stop between the acknowledgement and this commit, that message is delivered again (by this node
     * after a restart, or by another once the claim lapsed), with the same message id for the receiver
     * to recognise it. The destinations' senders share their transactions ({@link #marks}): a sender
     * still waits for its own mark before it sends the next message.
     */
    private int markDelivered(String destination, List<OutboxMessage> done) {
        if (done.isEmpty()) {
            return 0;
        }
        List<Delivered> batch = done.stream().map(m -> new Delivered(destination, m)).toList();
        done.clear();
        marks.commit(batch);
        return batch.size();
    }

    private void writeMarks(List<Delivered> delivered) {
        core.store.inTransaction(s -> {
            List<org.openikfz.store.api.AuditEntry> events = new java.util.ArrayList<>();
            for (Delivered d : delivered) {
                if (s.markDelivered(d.message().id())) {
                    events.add(new org.openikfz.store.api.AuditEntry(d.message().applicationId(), "DELIVERED",
                            "destination=" + d.destination() + ";message=" + d.message().id()));
                }
            }
            s.appendAudit(events);
            return null;
        });
    }

    /** A message its destination acknowledged. */
    private record Delivered(String destination, OutboxMessage message) {
    }

    /** Stops the senders (the engine's deactivation). */
    void close() {
        senders.shutdownNow();
        workers.shutdownNow();
    }

    /**
     * FZV § 19(1) S. 6: once everything is transferred, the dialog data are deleted at once. A case
     * for the clerks moves to their queue once the Fachverfahren has it; its case file (without
     * codes) stays until a clerk has decided, and the letter window after that has passed.
     */
    int finishTransferred() {
        Instant now = core.now();
        int stuckBefore = stuck.get();
        List<Case> transferred = core.store.casesTransferred(CaseState.TRANSFER.name(), FAR_FUTURE, BATCH);
        inGroups(transferred.stream().map(c -> new Completion(c, CaseState.COMPLETED, "transfer")).toList(), this::complete, Completion::c);
        for (Case c : core.store.casesTransferred(CaseState.MANUAL_REVIEW.name(), FAR_FUTURE, BATCH)) {
            core.store.inTransaction(s -> {
                if (Cases.tryMove(s, c, CaseState.WITH_CLERKS, x -> x).isPresent()) {
                    s.appendAudit(c.id(), "WITH_CLERKS", "case file kept for the clerks");
                }
                return null;
            });
        }
        // a clerk's decision moved the case to CLERK_DECIDED: its letter window counts from that change
        for (Case c : core.store.casesTransferred(CaseState.CLERK_DECIDED.name(), now.minus(Core.CLERK_LETTER_WINDOW), BATCH)) {
            complete(c, CaseState.COMPLETED, "transfer");
        }
        return transferred.size() - (stuck.get() - stuckBefore);
    }

    /**
     * FZV § 19(1) S. 6 for a verified application left alone for the idle time: abandoned, its
     * dialog data are deleted — unless it was paid: paying the verified application is submitting it.
     */
    private void abandonedAfterVerification(Case c) {
        if (c.paymentId() != null) {
            var provider = core.payment.get();
            PaymentProvider.Status status;
            try {
                // cancelled when it is still open: the page of an abandoned application takes no money afterwards
                status = provider == null ? null : PaymentFlow.cancelled(provider, c.paymentId());
            } catch (ConnectorUnavailableException | RuntimeException e) {
                status = null;
            }
            if (status == null) {
                // whether it was paid cannot be told right now: never deleted on a guess, asked again in a minute
                core.store.updateCase(c.withDueAt(core.now().plus(RETRY)));
                return;
            }
            if (status == PaymentProvider.Status.PAID) {
                // read again: decided only if nobody (another node, the applicant's submission) moved it meanwhile; the
                // decision itself is a compare and set on this version
                core.store.findCaseFile(c.id()).filter(f -> f.state().state().equals(c.state())).ifPresent(payment::decide);
                return;
            }
        }
        complete(c, CaseState.ABORTED_DELETED, "abandoned");
    }

    /** FZV § 18(3): log data are deleted automatically after six months (hourly is enough; no query in between). */
    void logRetention() {
        Instant now = core.now();
        if (Duration.between(lastAuditPurge, now).toHours() >= 1) {
            lastAuditPurge = now;
            Instant cutoff = now.atZone(Core.ZONE).minusMonths(Core.LOG_RETENTION_MONTHS).toInstant();
            core.store.purgeAudit(cutoff);
            // decision records and traces hold no personal data in clear; they go with the log data
            core.store.purgeDecisions(cutoff);
        }
    }

    /** A case whose dialog data go: moved to {@code to} after {@code after}. */
    private record Completion(Case c, CaseState to, String after) {
    }

    private void complete(Case c, CaseState to, String after) {
        core.store.inTransaction(s -> {
            complete(s, new Completion(c, to, after));
            return null;
        });
    }

    /** FZV § 19(1) S. 6: the move and the deletion of the dialog data, in the caller's transaction. */
    private void complete(org.openikfz.store.api.ApplicationStore s, Completion completion) {
        Case c = completion.c();
        Optional<Case> moved = Cases.tryMove(s, c, completion.to(), x -> x.withDueAt(null).withLeaseUntil(null));
        if (moved.isEmpty()) {
            return; // someone else got there first, or the applicant came back
        }
        // abandoned without a registration: the plate held for it is free (an aborted one gave it back when it was aborted;
        // a completed one is registered with it, or was refused by a clerk, who gave it back)
        if (completion.to() == CaseState.ABORTED_DELETED && CaseState.of(c.state()) != CaseState.ABORTED) {
            Procedure procedure = core.running(c);
            PlateRelease.queue(s, moved.get(), procedure == null ? null : procedure.description(), s.getData(c.id()));
        }
        int deleted = s.deleteData(c.id());
        // an e-mail to the applicant not sent by now is not sent at all: its address goes with the dialog data
        int withdrawn = s.withdrawUndelivered(c.id(), TransferTarget.MAIL);
        s.appendAudit(c.id(), "DATA_DELETED", "items=" + deleted + ";after=" + completion.after()
                + (withdrawn > 0 ? ";mailsWithdrawn=" + withdrawn : ""));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Backoff(Duration delay, Instant until) {
    }
}
