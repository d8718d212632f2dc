package org.openikfz.ui.view;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.RouterLayout;
import java.util.Locale;

/** Header (portal name, language), the page and the footer. */
public class MainLayout extends Div implements RouterLayout, LocaleChangeObserver {

    private static final long serialVersionUID = 1L;

    private final Span tagline = new Span();
    private final Button language = new Button();
    private final Main main = new Main();
    private final Span footerText = new Span();
    private final Div legalLinks = new Div();
    /** The first stop of the keyboard: past the header straight to the page's content (WCAG 2.4.1). */
    private final Anchor skip = new Anchor("#" + CONTENT, "");
    static final String CONTENT = "ikfz-content";

    public MainLayout() {
        addClassName("ikfz-app");
        Anchor brand = new Anchor("", "Open i-Kfz");
        brand.getElement().setAttribute("router-link", true);
        brand.addClassName("ikfz-brand");
        tagline.addClassName("ikfz-tagline");
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language.addClassName("ikfz-language");
        language.addClickListener(e -> {
            Locale next = isEnglish(getLocale()) ? Locale.GERMAN : Locale.ENGLISH;
            UI.getCurrent().getSession().setLocale(next);
        });
        Div brandBox = new Div(brand, tagline);
        brandBox.addClassName("ikfz-brand-box");
        Header header = new Header(brandBox, language);
        header.addClassName("ikfz-header");
        main.addClassName("ikfz-main");
        main.setId(CONTENT);
        main.getElement().setAttribute("tabindex", "-1");
        skip.addClassName("ikfz-skip");
        skip.getElement().setAttribute("router-ignore", true);
        legalLinks.addClassName("ikfz-legal");
        Footer footer = new Footer(legalLinks, footerText);
        footer.addClassName("ikfz-footer");
        add(skip, header, main, footer);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        texts();
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.getElement().removeAllChildren();
        if (content != null) {
            main.getElement().appendChild(content.getElement());
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        texts();
    }

    private void texts() {
        tagline.setText(getTranslation("app.tagline"));
        language.setText(getTranslation("app.otherLanguage"));
        language.getElement().setAttribute("lang", isEnglish(getLocale()) ? "de" : "en");
        footerText.setText(getTranslation("app.footer"));
        skip.setText(getTranslation("app.skipToContent"));
        legalLinks.removeAll();
        // the portal's status page (the back office has none)
        if (UI.getCurrent().getInternals().getRouter().getRegistry().getNavigationTarget("status").isPresent()) {
            Anchor status = new Anchor("status", getTranslation("status.title"));
            status.getElement().setAttribute("router-link", true);
            status.setId("footer-status");
            legalLinks.add(status);
        }
        org.openikfz.ui.web.LegalPages.current().pages().forEach((key, uri) -> {
            Anchor link = new Anchor(uri.toString(), getTranslation(key));
            link.getElement().setAttribute("router-ignore", true);
            link.getElement().setAttribute("rel", "noopener");
            legalLinks.add(link);
        });
        UI.getCurrent().getPage().executeJs("document.documentElement.lang = $0", getLocale().getLanguage());
    }

    static boolean isEnglish(Locale locale) {
        return locale != null && locale.getLanguage().equals("en");
    }
}
