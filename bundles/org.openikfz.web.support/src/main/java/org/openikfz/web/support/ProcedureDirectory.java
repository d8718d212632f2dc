package org.openikfz.web.support;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.osgi.framework.Constants;

/**
 * The procedures offered now, by id, as their services come and go. Holds only
 * {@link ProcedureDescription}s (records of the API bundle), never objects of a procedure bundle.
 * When two services describe the same id, the one with the higher service ranking (then the older
 * one) is offered. Thread-safe.
 */
public final class ProcedureDirectory {

    private record Entry(long serviceId, int ranking, ProcedureDescription description) {
        String id() {
            return description.id().value();
        }
    }

    /**
     * A procedure service as the directory keeps it: its service id and ranking, and its description, read once.
     *
     * @param serviceId the OSGi service id
     */
    public record Service(long serviceId, int ranking, ProcedureDescription description) {

        /** The service with these properties; empty (and logged) when it cannot describe itself. */
        public static Optional<Service> of(Procedure procedure, Map<String, Object> properties) {
            try {
                return Optional.of(new Service(serviceId(properties), ranking(properties), procedure.description()));
            } catch (RuntimeException e) {
                BundleClassLoader.logger(ProcedureDirectory.class).warn("Procedure service {} has no usable description; ignored",
                        properties.get(Constants.SERVICE_ID), e);
                return Optional.empty();
            }
        }

        public static long serviceId(Map<String, Object> properties) {
            return ((Number) properties.get(Constants.SERVICE_ID)).longValue();
        }

        private static int ranking(Map<String, Object> properties) {
            return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
        }
    }

    /** What removing a service changed: the id it described, and whether no other service offers it any more. */
    public record Removed(String id, boolean gone) {
    }

    private static final Comparator<Entry> PREFERRED = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final Map<Long, Entry> entries = new HashMap<>(); // guarded by this

    /** A procedure service came; returns whether its id is offered only now. */
    public synchronized boolean add(Service service) {
        boolean known = preferred(service.description().id().value()).isPresent();
        entries.put(service.serviceId(), new Entry(service.serviceId(), service.ranking(), service.description()));
        return !known;
    }

    /** A procedure service went away; empty when it was not known. */
    public synchronized Optional<Removed> remove(long serviceId) {
        Entry entry = entries.remove(serviceId);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new Removed(entry.id(), preferred(entry.id()).isEmpty()));
    }

    /** The procedure with this id, if offered now. */
    public synchronized Optional<ProcedureDescription> get(String id) {
        return preferred(id).map(Entry::description);
    }

    /** The ids offered now. */
    public synchronized Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        entries.values().forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** The procedures offered now, by title in {@code locale}. */
    public List<ProcedureDescription> all(Locale locale) {
        List<ProcedureDescription> all = new ArrayList<>();
        synchronized (this) {
            ids().forEach(id -> preferred(id).ifPresent(e -> all.add(e.description())));
        }
        Collator collator = Collator.getInstance(locale);
        all.sort(Comparator.comparing(d -> d.title().get(locale), collator));
        return all;
    }

    private Optional<Entry> preferred(String id) {
        return entries.values().stream().filter(e -> e.id().equals(id)).min(PREFERRED);
    }
}
