package org.openikfz.ui.web;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.shared.Registration;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.ui.view.HomeView;
import org.openikfz.ui.view.MainLayout;
import org.openikfz.ui.view.ProcedureView;
import org.slf4j.Logger;

/**
 * The procedures the portal offers right now, by id, and their routes: {@code /} is the home view,
 * {@code /<procedure id>} the generic {@link ProcedureView}. Procedure services come and go at any
 * time; views listen and update themselves through push.
 *
 * <p>Holds only {@link ProcedureDescription}s: records of the API bundle made of JDK collections and
 * API types, never objects of a procedure bundle. When two services describe the same id, the one
 * with the higher service ranking (then the older one) is shown.
 */
public final class ProcedureCatalog {

    private static final Logger LOG = BundleClassLoader.logger(ProcedureCatalog.class);

    private record Entry(long serviceId, int ranking, ProcedureDescription description) {
        String id() {
            return description.id().value();
        }
    }

    private static final Comparator<Entry> PREFERRED = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final Map<Long, Entry> entries = new HashMap<>(); // guarded by this
    private RouteConfiguration routes; // guarded by this; null while no Vaadin runs
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** The catalog of the running Vaadin application (from a request or a {@code UI.access} thread). */
    public static ProcedureCatalog current() {
        return VaadinService.getCurrent().getContext().getAttribute(ProcedureCatalog.class);
    }

    /** A procedure service came. */
    public void add(long serviceId, int ranking, ProcedureDescription description) {
        String id = description.id().value();
        synchronized (this) {
            boolean known = preferred(id).isPresent();
            entries.put(serviceId, new Entry(serviceId, ranking, description));
            if (!known && routes != null) {
                addRoute(routes, id);
            }
        }
        LOG.info("Procedure {} available at /{}", description.title(), id);
        fire(id);
    }

    /** A procedure service went away. */
    public void remove(long serviceId) {
        String id;
        boolean gone;
        boolean serving;
        synchronized (this) {
            serving = routes != null;
            Entry entry = entries.remove(serviceId);
            if (entry == null) {
                return;
            }
            id = entry.id();
            gone = preferred(id).isEmpty();
            if (gone && routes != null) {
                routes.removeRoute(id);
            }
        }
        if (gone && serving) {
            LOG.info("Procedure {} withdrawn", id);
        }
        fire(id);
    }

    /** The procedure with this id, if offered now. */
    public synchronized Optional<ProcedureDescription> get(String id) {
        return preferred(id).map(Entry::description);
    }

    /** The procedures offered now, by title in {@code locale}. */
    public List<ProcedureDescription> all(Locale locale) {
        List<ProcedureDescription> all;
        synchronized (this) {
            Set<String> ids = new LinkedHashSet<>();
            entries.values().forEach(e -> ids.add(e.id()));
            all = new ArrayList<>();
            ids.forEach(id -> preferred(id).ifPresent(e -> all.add(e.description())));
        }
        Collator collator = Collator.getInstance(locale);
        all.sort(Comparator.comparing(d -> d.title().get(locale), collator));
        return all;
    }

    /**
     * Called with the id of a procedure that came, went or changed. Called on the thread of the OSGi
     * event: a listener must hand its work to {@code UI.access}.
     */
    public Registration addListener(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Vaadin starts: register the home route and a route for each procedure. */
    public synchronized void attach(RouteConfiguration routeConfiguration) {
        this.routes = routeConfiguration;
        routeConfiguration.update(() -> {
            routeConfiguration.setRoute("", HomeView.class, List.of(MainLayout.class));
            entries.values().stream().map(Entry::id).distinct().forEach(id -> addRoute(routeConfiguration, id));
        });
    }

    /** Vaadin stops. */
    public synchronized void detach() {
        routes = null;
        listeners.clear();
    }

    private static void addRoute(RouteConfiguration routes, String id) {
        routes.setRoute(id, ProcedureView.class, List.of(MainLayout.class));
    }

    private Optional<Entry> preferred(String id) {
        return entries.values().stream().filter(e -> e.id().equals(id)).min(PREFERRED);
    }

    private void fire(String id) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                LOG.warn("A page could not be told about procedure {}", id, e);
            }
        }
    }
}
