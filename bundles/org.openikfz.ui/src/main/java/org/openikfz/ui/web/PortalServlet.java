package org.openikfz.ui.web;

import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.router.InternalServerError;
import com.vaadin.flow.router.RouteAccessDeniedError;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Set;
import java.util.function.Consumer;
import org.openikfz.ui.view.NotFoundView;
import org.openikfz.web.support.BundleClassLoader;

/**
 * The Vaadin servlet. A servlet container would scan the class path for the types Vaadin's
 * initializers handle ({@code @HandlesTypes}); embedded in OSGi there is no such scan, so the
 * servlet runs the initializers itself, with the classes they would have found, before Vaadin
 * starts. Routes are not scanned either: the portal's come from {@link ProcedureCatalog}, the
 * back office's from its views.
 */
public class PortalServlet extends VaadinServlet {

    private static final long serialVersionUID = 1L;

    private final transient Consumer<RouteConfiguration> routes;

    /** @param routes registers the routes of this application (the portal's or the back office's) */
    public PortalServlet(Consumer<RouteConfiguration> routes) {
        this.routes = routes;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BundleClassLoader.get());
        try {
            // the Lookup (resource provider, instantiator factory, ...) with Vaadin's defaults
            new LookupServletContainerInitializer().onStartup(Set.of(LookupInitializer.class), context);
            new ErrorNavigationTargetInitializer().onStartup(
                    Set.of(NotFoundView.class, InternalServerError.class, RouteAccessDeniedError.class), context);
            new VaadinAppShellInitializer().onStartup(Set.of(PortalShell.class), context);
            routes.accept(RouteConfiguration.forRegistry(ApplicationRouteRegistry.getInstance(new VaadinServletContext(context))));
            super.init(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    protected void servletInitialized() throws ServletException {
        super.servletInitialized();
        // a session starts in the language the browser prefers of German and English (Accept-Language, q-values
        // included), German when it names neither; the header switches. The proceedings' language stays German
        // (§ 23 VwVfG): the decisions and letters are German whatever the portal shows.
        getService().addSessionInitListener(event -> event.getSession().setLocale(UiTexts.preferred(event.getRequest())));
    }
}
