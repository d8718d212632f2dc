package org.openikfz.ui.web;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view: Lumo, the portal's own styles, and server push, so that a page learns
 * at once when a procedure goes away. Push runs over WebSocket (Jetty's JSR 356 container, see
 * {@code UiServer}) and falls back to long polling.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("openikfz.css")
public class PortalShell implements AppShellConfigurator {

    private static final long serialVersionUID = 1L;

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Open i-Kfz");
        settings.addMetaTag("description", "Fahrzeugzulassung online – i-Kfz");
    }
}
