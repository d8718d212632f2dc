package org.openikfz.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openikfz.api.application.ProcedureCatalog;
import org.openikfz.api.check.Check;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The procedures and checks deployed right now, by id: the one registry the engine, the portal and
 * the machine API use (the latter two through {@link org.openikfz.api.application.ProcedureCatalog}).
 *
 * <p>Which version serves (a procedure upgrade deploys v2 while v1 is still there):
 * <ul>
 * <li><b>New applications</b> get the preferred service of the id: the highest {@code service.ranking},
 * then the highest bundle version, then the oldest service. Dropping v2 of a procedure bundle next to
 * v1 therefore moves new applications to v2 at once; an operator who wants v1 to stay first gives it a
 * higher ranking.</li>
 * <li><b>An application</b> stays on the version it was opened with (its {@code procedure_version}: the
 * bundle's symbolic name and version) as long as that version is deployed: it finishes on the rules it
 * started with. When that version has gone, it continues on the preferred one of its id; the
 * verification's trace then names the version that judged it.</li>
 * </ul>
 * Checks are the platform's, not an application's: every application uses the preferred check of an id.
 *
 * <p>The portal and the machine API see it as the {@link ProcedureCatalog}: the procedures the district
 * offers ({@code district.procedures} of the engine's configuration; empty: every one deployed).
 */
@Component(service = {ProcedureCatalog.class, Registry.class}, configurationPid = EngineConfig.PID)
public final class Registry implements ProcedureCatalog {

    private static final System.Logger LOG = System.getLogger(Registry.class.getName());

    /** Where a service comes from: its bundle's symbolic name and version, as the case and the trace record it ({@link Trace#version}). */
    record Origin(String label, Version version) {

        static final Origin UNKNOWN = new Origin(null, Version.emptyVersion);

        static Origin of(Object service) {
            Bundle bundle = FrameworkUtil.getBundle(service.getClass());
            return bundle == null ? UNKNOWN : new Origin(bundle.getSymbolicName() + " " + bundle.getVersion(), bundle.getVersion());
        }

        /** An origin for tests outside a framework: a bundle name and version. */
        static Origin of(String symbolicName, String version) {
            Version v = Version.parseVersion(version);
            return new Origin(symbolicName + " " + v, v);
        }
    }

    private final Entries<Procedure> procedures = new Entries<>(p -> p.description().id().value());
    private final Entries<Check> checks = new Entries<>(c -> c.id().value());
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /**
     * What follows from the deployed checks' contracts (the order checks run in, what a procedure lacks), worked out
     * once per set of deployed checks instead of on every verification and every opening. Replaced, not cleared,
     * after the checks changed: a result worked out from the checks before a change lands in the replaced one.
     */
    private volatile Contracts contracts = new Contracts();
    /** The ids the district offers; empty: every one deployed. */
    private volatile java.util.Set<String> district = java.util.Set.of();

    public Registry() {
    }

    @Activate
    @Modified
    void configure(EngineConfig config) {
        java.util.Set<String> before = district;
        district = java.util.Set.copyOf(org.openikfz.core.internal.operations.Operations.procedureIds(config.district_procedures()));
        if (!before.equals(district)) {
            procedures.ids().forEach(this::fire);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addProcedure(Procedure procedure, Map<String, Object> properties) {
        add(procedure, properties);
    }

    public void removeProcedure(Procedure procedure) {
        remove(procedure);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(Check check, Map<String, Object> properties) {
        add(check, properties);
    }

    void removeCheck(Check check) {
        remove(check);
    }

    void add(Procedure procedure, Map<String, Object> properties) {
        add(procedure, properties, Origin.of(procedure));
    }

    void add(Procedure procedure, Map<String, Object> properties, Origin origin) {
        String id = procedures.add(procedure, properties, origin);
        fire(id);
    }

    void remove(Procedure procedure) {
        procedures.remove(procedure).ifPresent(this::fire);
    }

    void add(Check check, Map<String, Object> properties) {
        checks.add(check, properties, Origin.of(check));
        contracts = new Contracts();
        procedures.ids().forEach(this::fire); // a check can meet, or stop meeting, a procedure's needs
    }

    void remove(Check check) {
        if (checks.remove(check).isPresent()) {
            contracts = new Contracts();
            procedures.ids().forEach(this::fire);
        }
    }

    /** The procedure new applications of an id get, or {@code null} when none is deployed. */
    Procedure procedure(String id) {
        return procedures.preferred(id).map(Entry::service).orElse(null);
    }

    /**
     * The procedure an application runs on: the version it was opened with ({@code version}, as
     * {@link #version(Procedure)} gave it then) while deployed, else the preferred one of its id;
     * {@code null} when none of the id is deployed.
     */
    Procedure procedure(String id, String version) {
        if (version != null) {
            for (Entry<Procedure> e : procedures.all(id)) {
                if (version.equals(e.origin().label())) {
                    return e.service();
                }
            }
        }
        return procedure(id);
    }

    /** The version label of a deployed procedure (bundle symbolic name and version), as cases record it. */
    String version(Procedure procedure) {
        return procedures.origin(procedure).map(Origin::label).orElseGet(() -> Origin.of(procedure).label());
    }

    /** The ids of the procedures deployed now (any version; the readiness probe and the metrics ask). */
    public List<String> procedureIds() {
        return procedures.ids();
    }

    /** The check of an id, or {@code null} when none is deployed. */
    Check check(String id) {
        return checks.preferred(id).map(Entry::service).orElse(null);
    }

    /**
     * The procedure's checks in the order they run: as it names them, except that a check runs after the checks
     * that produce the facts it needs ({@link Check#needs()}).
     */
    List<org.openikfz.api.check.CheckId> order(ProcedureDescription description) {
        Contracts known = contracts;
        return known.orders().computeIfAbsent(List.copyOf(description.checks()), named -> CheckContracts.order(named, id -> check(id.value())));
    }

    /**
     * Why a deployed procedure cannot be offered now: facts it or its checks need that none of its deployed checks
     * produces, in words for the operators; empty when it can be.
     */
    List<String> unmet(Procedure procedure) {
        try {
            Contracts known = contracts;
            List<org.openikfz.api.check.CheckId> named = List.copyOf(procedure.description().checks());
            // what a procedure lacks follows from the checks it names and the facts it needs (both asked every time)
            return known.unmet().computeIfAbsent(Map.entry(named, new java.util.HashSet<>(CheckContracts.safe(procedure::needs))),
                    key -> List.copyOf(CheckContracts.unmet(procedure, named, id -> check(id.value()))));
        } catch (RuntimeException e) {
            return List.of("the procedure has no usable description");
        }
    }

    /**
     * The procedures the district offers that are deployed but withheld, with the reasons: the operators' view and
     * the readiness probe say why a procedure is not offered.
     */
    public Map<String, List<String>> withheld() {
        Map<String, List<String>> withheld = new java.util.TreeMap<>();
        for (String id : procedures.ids()) {
            if (offers(id)) {
                procedures.preferred(id).ifPresent(e -> {
                    List<String> unmet = unmet(e.service());
                    if (!unmet.isEmpty()) {
                        withheld.put(id, unmet);
                    }
                });
            }
        }
        return withheld;
    }

    // ---- the catalog: what the portal and the machine API offer ----

    @Override
    public Optional<ProcedureDescription> offered(ProcedureId id) {
        if (!offers(id.value())) {
            return Optional.empty();
        }
        return procedures.preferred(id.value()).filter(this::met).flatMap(Registry::describe);
    }

    @Override
    public List<ProcedureDescription> offered() {
        List<ProcedureDescription> offered = new ArrayList<>();
        for (String id : procedures.ids()) {
            if (offers(id)) {
                procedures.preferred(id).filter(this::met).flatMap(Registry::describe).ifPresent(offered::add);
            }
        }
        return offered;
    }

    @Override
    public AutoCloseable listen(Consumer<ProcedureId> listener) {
        Consumer<String> byId = id -> listener.accept(new ProcedureId(id));
        listeners.add(byId);
        return () -> listeners.remove(byId);
    }

    /** Whether every fact the procedure and its checks need is produced by one of its deployed checks. */
    private boolean met(Entry<Procedure> entry) {
        return unmet(entry.service()).isEmpty();
    }

    private boolean offers(String id) {
        java.util.Set<String> offered = district;
        return offered.isEmpty() || offered.contains(id);
    }

    /** A procedure's description; empty (and logged) when its bundle cannot give one. */
    private static Optional<ProcedureDescription> describe(Entry<Procedure> entry) {
        try {
            return Optional.of(entry.service().description());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Procedure " + entry.origin().label() + " has no usable description; not offered", e);
            return Optional.empty();
        }
    }

    private void fire(String id) {
        logWithheld(id);
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A listener of the procedure catalog failed on " + id, e);
            }
        }
    }

    /** The reasons last logged per procedure id: a procedure withheld, or offered again, is logged once. */
    private final Map<String, List<String>> logged = new ConcurrentHashMap<>();

    private void logWithheld(String id) {
        Optional<Entry<Procedure>> deployed = procedures.preferred(id);
        if (deployed.isEmpty()) {
            logged.remove(id); // gone, not offered again: nothing to tell
            return;
        }
        List<String> now = unmet(deployed.get().service());
        List<String> before = now.isEmpty() ? logged.remove(id) : logged.put(id, now);
        if (!now.isEmpty() && !now.equals(before)) {
            LOG.log(System.Logger.Level.WARNING, "Procedure {0} is not offered: {1}", id, String.join("; ", now));
        } else if (now.isEmpty() && before != null) {
            LOG.log(System.Logger.Level.INFO, "Procedure {0} is offered again: its checks meet its needs", id);
        }
    }

    private record Entry<S>(S service, int ranking, long serviceId, Origin origin) {
    }

    /** Results of {@link CheckContracts} for one set of deployed checks. */
    private record Contracts(Map<List<org.openikfz.api.check.CheckId>, List<org.openikfz.api.check.CheckId>> orders,
            Map<Map.Entry<List<org.openikfz.api.check.CheckId>, java.util.Set<org.openikfz.api.check.FactKey<?>>>, List<String>> unmet) {

        Contracts() {
            this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    private static final class Entries<S> {

        private static final Comparator<Entry<?>> PREFERRED = Comparator.comparingInt((Entry<?> e) -> -e.ranking())
                .thenComparing((Entry<?> e) -> e.origin().version(), Comparator.reverseOrder())
                .thenComparingLong(Entry::serviceId);

        private final Function<S, String> idOf;
        private final Map<String, List<Entry<S>>> byId = new ConcurrentHashMap<>();

        Entries(Function<S, String> idOf) {
            this.idOf = idOf;
        }

        String add(S service, Map<String, Object> properties, Origin origin) {
            int ranking = properties.get("service.ranking") instanceof Integer r ? r : 0;
            long serviceId = properties.get("service.id") instanceof Long l ? l : Long.MAX_VALUE;
            String id = idOf.apply(service);
            byId.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(new Entry<>(service, ranking, serviceId,
                    Objects.requireNonNull(origin, "origin")));
            return id;
        }

        Optional<String> remove(S service) {
            Optional<String> removed = Optional.empty();
            for (Map.Entry<String, List<Entry<S>>> e : byId.entrySet()) {
                if (e.getValue().removeIf(x -> x.service() == service)) {
                    removed = Optional.of(e.getKey());
                }
            }
            return removed;
        }

        Optional<Entry<S>> preferred(String id) {
            return all(id).stream().min(PREFERRED);
        }

        List<Entry<S>> all(String id) {
            List<Entry<S>> list = byId.get(id);
            return list == null ? List.of() : list;
        }

        Optional<Origin> origin(S service) {
            for (List<Entry<S>> entries : byId.values()) {
                for (Entry<S> e : entries) {
                    if (e.service() == service) {
                        return Optional.of(e.origin());
                    }
                }
            }
            return Optional.empty();
        }

        List<String> ids() {
            List<String> ids = new ArrayList<>();
            byId.forEach((id, list) -> {
                if (!list.isEmpty()) {
                    ids.add(id);
                }
            });
            return ids;
        }
    }
}
