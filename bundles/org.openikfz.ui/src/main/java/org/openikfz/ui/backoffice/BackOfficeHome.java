package org.openikfz.ui.backoffice;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;

/** The back office's start page: the cases for a member of staff who is logged in, else the login. */
public class BackOfficeHome extends Div implements BeforeEnterObserver {

    private static final long serialVersionUID = 1L;

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.forwardTo(StaffViews.session().isPresent() ? StaffViews.CASES : StaffViews.LOGIN);
    }
}
