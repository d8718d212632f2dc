package org.openikfz.ui.web;

import com.vaadin.flow.server.VaadinService;
import java.util.Optional;
import java.util.function.Supplier;
import org.openikfz.api.backoffice.ClerkWorkspace;
import org.openikfz.api.backoffice.DecisionReview;
import org.openikfz.api.backoffice.PlatformOverview;
import org.openikfz.api.backoffice.StaffDirectory;
import org.openikfz.api.health.PlatformHealth;

/**
 * The back office's services as far as the UI sees them right now: they come and go with their
 * bundle (the suppliers read the UI component's dynamic references), and the views answer "not
 * available right now" while they are away.
 */
public final class BackOfficeAccess {

    private final Supplier<StaffDirectory> staff;
    private final Supplier<ClerkWorkspace> workspace;
    private final Supplier<DecisionReview> review;
    private final Supplier<PlatformOverview> platform;
    private final Supplier<PlatformHealth> health;

    public BackOfficeAccess(Supplier<StaffDirectory> staff, Supplier<ClerkWorkspace> workspace, Supplier<DecisionReview> review,
            Supplier<PlatformOverview> platform, Supplier<PlatformHealth> health) {
        this.staff = staff;
        this.workspace = workspace;
        this.review = review;
        this.platform = platform;
        this.health = health;
    }

    /** The access of the running Vaadin application (from a request or a {@code UI.access} thread). */
    public static BackOfficeAccess current() {
        return VaadinService.getCurrent().getContext().getAttribute(BackOfficeAccess.class);
    }

    public Optional<StaffDirectory> staff() {
        return Optional.ofNullable(staff.get());
    }

    public Optional<ClerkWorkspace> workspace() {
        return Optional.ofNullable(workspace.get());
    }

    public Optional<DecisionReview> review() {
        return Optional.ofNullable(review.get());
    }

    public Optional<PlatformOverview> platform() {
        return Optional.ofNullable(platform.get());
    }

    /** The background jobs' health (no personal data). */
    public Optional<PlatformHealth> health() {
        return Optional.ofNullable(health.get());
    }
}
