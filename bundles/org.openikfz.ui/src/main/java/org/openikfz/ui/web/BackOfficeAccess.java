package org.openikfz.ui.web;

import com.vaadin.flow.server.VaadinService;
import java.util.Optional;
import org.openikfz.api.backoffice.ClerkWorkspace;
import org.openikfz.api.backoffice.DecisionReview;
import org.openikfz.api.backoffice.PlatformOverview;
import org.openikfz.api.backoffice.StaffDirectory;

/**
 * The back office's services as far as the UI sees them right now: they come and go with their
 * bundle, and the views answer "not available right now" while they are away.
 */
public final class BackOfficeAccess {

    private volatile StaffDirectory staff;
    private volatile ClerkWorkspace workspace;
    private volatile DecisionReview review;
    private volatile PlatformOverview platform;

    /** The access of the running Vaadin application (from a request or a {@code UI.access} thread). */
    public static BackOfficeAccess current() {
        return VaadinService.getCurrent().getContext().getAttribute(BackOfficeAccess.class);
    }

    public Optional<StaffDirectory> staff() {
        return Optional.ofNullable(staff);
    }

    public Optional<ClerkWorkspace> workspace() {
        return Optional.ofNullable(workspace);
    }

    public Optional<PlatformOverview> platform() {
        return Optional.ofNullable(platform);
    }

    public void setPlatform(PlatformOverview service) {
        platform = service;
    }

    public void unsetPlatform(PlatformOverview service) {
        if (platform == service) {
            platform = null;
        }
    }

    public Optional<DecisionReview> review() {
        return Optional.ofNullable(review);
    }

    public void setReview(DecisionReview service) {
        review = service;
    }

    public void unsetReview(DecisionReview service) {
        if (review == service) {
            review = null;
        }
    }

    public void setStaff(StaffDirectory service) {
        staff = service;
    }

    public void unsetStaff(StaffDirectory service) {
        if (staff == service) {
            staff = null;
        }
    }

    public void setWorkspace(ClerkWorkspace service) {
        workspace = service;
    }

    public void unsetWorkspace(ClerkWorkspace service) {
        if (workspace == service) {
            workspace = null;
        }
    }
}
