package org.openikfz.core.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.openikfz.api.check.Check;
import org.openikfz.api.procedure.Procedure;

/**
 * The procedures and checks deployed right now, by id. When two services share an id (an upgrade
 * deploys the new version before the old one leaves), the one OSGi ranks first wins: the highest
 * {@code service.ranking}, then the lowest {@code service.id} — the same choice a service lookup
 * makes, so every part of the platform sees the same version.
 */
final class Registry {

    private final Entries<Procedure> procedures = new Entries<>(p -> p.description().id().value());
    private final Entries<Check> checks = new Entries<>(c -> c.id().value());

    void add(Procedure procedure, Map<String, Object> properties) {
        procedures.add(procedure, properties);
    }

    void remove(Procedure procedure) {
        procedures.remove(procedure);
    }

    void add(Check check, Map<String, Object> properties) {
        checks.add(check, properties);
    }

    void remove(Check check) {
        checks.remove(check);
    }

    /** The procedure of an id, or {@code null} when none is deployed. */
    Procedure procedure(String id) {
        return procedures.get(id);
    }

    /** The check of an id, or {@code null} when none is deployed. */
    Check check(String id) {
        return checks.get(id);
    }

    private static final class Entries<S> {
        private record Entry<S>(S service, int ranking, long serviceId) {
        }

        private static final Comparator<Entry<?>> ORDER = Comparator.comparingInt((Entry<?> e) -> -e.ranking())
                .thenComparingLong(Entry::serviceId);

        private final Function<S, String> idOf;
        private final Map<String, List<Entry<S>>> byId = new ConcurrentHashMap<>();

        Entries(Function<S, String> idOf) {
            this.idOf = idOf;
        }

        void add(S service, Map<String, Object> properties) {
            int ranking = properties.get("service.ranking") instanceof Integer r ? r : 0;
            long serviceId = properties.get("service.id") instanceof Long l ? l : Long.MAX_VALUE;
            byId.computeIfAbsent(idOf.apply(service), k -> new CopyOnWriteArrayList<>()).add(new Entry<>(service, ranking, serviceId));
        }

        void remove(S service) {
            byId.values().forEach(list -> list.removeIf(e -> e.service() == service));
        }

        S get(String id) {
            List<Entry<S>> list = byId.get(id);
            return list == null ? null : list.stream().min(ORDER).map(Entry::service).orElse(null);
        }
    }
}
