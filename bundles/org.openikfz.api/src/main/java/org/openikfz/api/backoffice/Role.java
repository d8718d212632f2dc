package org.openikfz.api.backoffice;

/** What a member of staff may do. */
public enum Role {
    /** Decides the manual cases of their authority. */
    CLERK,
    /** Decides like a clerk and reviews automated decisions (Vorbehalt der Nachprüfung, § 23(3)). */
    SUPERVISOR,
    /** Reads cases, decisions and the audit trail of their authority; decides nothing. */
    AUDITOR,
    /** Runs the platform: accounts, installed bundles, health; sees no case. */
    OPERATOR;

    /** Whether the role may decide cases. */
    public boolean decides() {
        return this == CLERK || this == SUPERVISOR;
    }

    /** Whether the role may read the cases of its authority. */
    public boolean readsCases() {
        return this != OPERATOR;
    }
}
