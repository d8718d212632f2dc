package org.openikfz.ui.web;

import com.vaadin.flow.server.VaadinService;
import java.util.Optional;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.fee.FeeSchedule;

/**
 * The engine as far as the UI sees it right now: it comes and goes with its bundle, and the views
 * answer "not available right now" while it is away.
 */
public final class EngineAccess {

    private volatile ApplicationService engine;
    private volatile FeeSchedule fees;

    /** The access of the running Vaadin application (from a request or a {@code UI.access} thread). */
    public static EngineAccess current() {
        return VaadinService.getCurrent().getContext().getAttribute(EngineAccess.class);
    }

    public Optional<ApplicationService> engine() {
        return Optional.ofNullable(engine);
    }

    public void set(ApplicationService service) {
        this.engine = service;
    }

    /** Clears the engine only if it is still {@code service}. */
    public void unset(ApplicationService service) {
        if (this.engine == service) {
            this.engine = null;
        }
    }

    /** The engine's fee table, for the fees shown while the dialog is filled in. */
    public Optional<FeeSchedule> fees() {
        return Optional.ofNullable(fees);
    }

    public void setFees(FeeSchedule service) {
        this.fees = service;
    }

    public void unsetFees(FeeSchedule service) {
        if (this.fees == service) {
            this.fees = null;
        }
    }
}
