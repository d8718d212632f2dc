package org.openikfz.api.backoffice;

import java.util.Objects;

/**
 * A member of staff.
 *
 * @param user        the login name
 * @param displayName shown in the workspace and on letters ("Frau Schmidt")
 * @param authority   the Zulassungsbehörde whose cases they work on (e.g. {@code ERZ}); for an operator the one they were created for
 */
public record StaffMember(String user, String displayName, Role role, String authority) {

    public StaffMember {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(authority, "authority");
    }
}
