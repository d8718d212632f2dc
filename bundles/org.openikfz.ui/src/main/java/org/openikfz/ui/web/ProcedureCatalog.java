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
import org.openikfz.ui.view.HomeView;
import org.openikfz.ui.view.StatusView;
import org.openikfz.ui.view.MainLayout;
import org.openikfz.ui.view.ProcedureView;
import org.openikfz.web.support.BundleClassLoader;
import org.openikfz.web.support.ProcedureDirectory;
import org.slf4j.Logger;

/**
 * The procedures the portal offers right now, by id, and their routes: {@code /} is the home view,
 * {@code /<procedure id>} the generic {@link ProcedureView}. Procedure services come and go at any
 * time; views listen and update themselves through push.
 *
 * <p>The procedures themselves are a {@link ProcedureDirectory} (descriptions only, by service ranking).
 */
public final class ProcedureCatalog {

    private static final Logger LOG = BundleClassLoader.logger(ProcedureCatalog.class);

    private final ProcedureDirectory directory = new ProcedureDirectory();
    // a lock of its own: the catalog is reachable from every view (current()), and code that locked the catalog
    // itself would hold up the OSGi events that add and remove procedures
    private final Object lock = new Object();
    private RouteConfiguration routes; // guarded by lock; null while no Vaadin runs
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** The catalog of the running Vaadin application (from a request or a {@code UI.access} thread). */
    public static ProcedureCatalog current() {
        return VaadinService.getCurrent().getContext().getAttribute(ProcedureCatalog.class);
    }

    /** A procedure service came. */
    public void add(ProcedureDirectory.Service service) {
        ProcedureDescription description = service.description();
        String id = description.id().value();
        synchronized (lock) {
            if (directory.add(service) && routes != null) {
                addRoute(routes, id);
            }
        }
        LOG.info("Procedure {} available at /{}", description.title(), id);
        fire(id);
    }

    /** A procedure service went away. */
    public void remove(long serviceId) {
        ProcedureDirectory.Removed removed;
        boolean serving;
        synchronized (lock) {
            serving = routes != null;
            Optional<ProcedureDirectory.Removed> known = directory.remove(serviceId);
            if (known.isEmpty()) {
                return;
            }
            removed = known.get();
            if (removed.gone() && routes != null) {
                routes.removeRoute(removed.id());
            }
        }
        if (removed.gone() && serving) {
            LOG.info("Procedure {} withdrawn", removed.id());
        }
        fire(removed.id());
    }

    /** The procedure with this id, if offered now. */
    public Optional<ProcedureDescription> get(String id) {
        return directory.get(id);
    }

    /** The procedures offered now, by title in {@code locale}. */
    public List<ProcedureDescription> all(Locale locale) {
        return directory.all(locale);
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
                directory.ids().forEach(id -> addRoute(routeConfiguration, id));
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
