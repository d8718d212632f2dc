package org.openikfz.ui.web;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.ui.view.HomeView;
import org.openikfz.ui.view.StatusView;
import org.openikfz.ui.view.MainLayout;
import org.openikfz.ui.view.ProcedureView;
import org.openikfz.web.support.BundleClassLoader;
import org.slf4j.Logger;

/**
 * The procedures the portal offers right now, by id, and their routes: {@code /} is the home view,
 * {@code /<procedure id>} the generic {@link ProcedureView}. Procedures come and go at any time; views
 * listen and update themselves through push.
 *
 * <p>Which procedures, and which version of each, is the engine's {@link org.openikfz.api.application.ProcedureCatalog}:
 * the portal renders the version the engine opens applications on, never a choice of its own.
 */
public final class ProcedureCatalog {

    private static final Logger LOG = BundleClassLoader.logger(ProcedureCatalog.class);

    // a lock of its own: the catalog is reachable from every view (current()), and code that locked the catalog
    // itself would hold up the OSGi events that add and remove procedures
    private final Object lock = new Object();
    private org.openikfz.api.application.ProcedureCatalog engine; // guarded by lock; null while no engine runs
    private AutoCloseable listening; // guarded by lock
    private final java.util.Set<String> routed = new java.util.HashSet<>(); // guarded by lock: the ids with a route
    private RouteConfiguration routes; // guarded by lock; null while no Vaadin runs
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** The catalog of the running Vaadin application (from a request or a {@code UI.access} thread). */
    public static ProcedureCatalog current() {
        return VaadinService.getCurrent().getContext().getAttribute(ProcedureCatalog.class);
    }

    /** The engine's catalog came: its procedures are offered from now on. */
    public void use(org.openikfz.api.application.ProcedureCatalog catalog) {
        List<String> ids;
        synchronized (lock) {
            stopListening();
            engine = catalog;
            listening = catalog.listen(id -> changed(id.value()));
            ids = offeredIds(catalog);
            sync();
        }
        ids.forEach(this::fire);
    }

    /** The engine's catalog went: nothing is offered until it is back. */
    public void unuse(org.openikfz.api.application.ProcedureCatalog catalog) {
        List<String> ids;
        synchronized (lock) {
            if (engine != catalog) {
                return;
            }
            stopListening();
            engine = null;
            ids = List.copyOf(routed);
            sync();
        }
        ids.forEach(this::fire);
    }

    /** A procedure of the engine's catalog came, changed or went. */
    private void changed(String id) {
        boolean offered;
        synchronized (lock) {
            boolean before = routed.contains(id);
            sync();
            offered = routed.contains(id);
            if (offered && !before) {
                get(id).ifPresent(d -> LOG.info("Procedure {} available at /{}", d.title(), id));
            } else if (!offered && before) {
                LOG.info("Procedure {} withdrawn", id);
            }
        }
        fire(id);
    }

    /** The routes follow what the engine offers (while Vaadin runs). */
    private void sync() {
        java.util.Set<String> now = engine == null ? java.util.Set.of() : new java.util.HashSet<>(offeredIds(engine));
        if (routes != null) {
            for (String id : routed) {
                if (!now.contains(id)) {
                    routes.removeRoute(id);
                }
            }
            for (String id : now) {
                if (!routed.contains(id)) {
                    addRoute(routes, id);
                }
            }
        }
        routed.clear();
        routed.addAll(now);
    }

    private static List<String> offeredIds(org.openikfz.api.application.ProcedureCatalog catalog) {
        return catalog.offered().stream().map(d -> d.id().value()).toList();
    }

    private void stopListening() {
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                LOG.warn("Could not stop listening to the procedure catalog", e);
            }
            listening = null;
        }
    }

    /** The procedure with this id, if offered now. */
    public Optional<ProcedureDescription> get(String id) {
        org.openikfz.api.application.ProcedureCatalog catalog;
        synchronized (lock) {
            catalog = engine;
        }
        if (catalog == null || id == null) {
            return Optional.empty();
        }
        try {
            return catalog.offered(new ProcedureId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a procedure id at all (any path segment comes here)
        }
    }

    /** The procedures offered now, by title in {@code locale}. */
    public List<ProcedureDescription> all(Locale locale) {
        org.openikfz.api.application.ProcedureCatalog catalog;
        synchronized (lock) {
            catalog = engine;
        }
        List<ProcedureDescription> all = new java.util.ArrayList<>(catalog == null ? List.of() : catalog.offered());
        java.text.Collator collator = java.text.Collator.getInstance(locale);
        all.sort(java.util.Comparator.comparing(d -> d.title().get(locale), collator));
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
    public void attach(RouteConfiguration routeConfiguration) {
        synchronized (lock) {
            this.routes = routeConfiguration;
            routeConfiguration.update(() -> {
                routeConfiguration.setRoute("", HomeView.class, List.of(MainLayout.class));
                routeConfiguration.setRoute("status", StatusView.class, List.of(MainLayout.class));
                routed.forEach(id -> addRoute(routeConfiguration, id));
            });
        }
    }

    /** Vaadin stops. */
    public void detach() {
        synchronized (lock) {
            routes = null;
            listeners.clear();
        }
    }

    private static void addRoute(RouteConfiguration routes, String id) {
        routes.setRoute(id, ProcedureView.class, List.of(MainLayout.class));
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
