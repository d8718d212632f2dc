package org.openikfz.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the engine, PID {@value #PID}. */
@ObjectClassDefinition(id = EngineConfig.PID, name = "Open i-Kfz engine",
        description = "The Zulassungsbehörde this portal serves and the engine's background work.")
public @interface EngineConfig {

    String PID = "org.openikfz.core";

    @AttributeDefinition(name = "Authority key", description = "Short key of the Zulassungsbehörde (its Unterscheidungszeichen,"
            + " e.g. ERZ), used in references. Required: the platform does not start without it.")
    String authority() default "";

    @AttributeDefinition(name = "Authority name", description = "Name printed on decisions. Required.")
    String authorityName() default "";

    @AttributeDefinition(name = "Authority address", description = "The postal address printed under the name on documents,"
            + " lines separated by ';' (e.g. 'Postfach 10 01 52; 08056 Zwickau'). Empty: the name only.")
    String authorityAddress() default "";

    @AttributeDefinition(name = "Authority contact", description = "How applicants reach the authority, shown on the status"
            + " page and in confirmations (e.g. 'Telefon 03733 831-0 · zulassung@kreis-erz.example · Mo–Fr 8–12 Uhr')."
            + " Empty: name and address only.")
    String authorityContact() default "";

    /** Property {@code clerks.decisionDays}. */
    @AttributeDefinition(name = "Clerks' decision time (working days)", description = "Within how many working days the clerks"
            + " usually decide an application the machine could not; the status page names the date it gives.")
    int clerks_decisionDays() default 10;

    @AttributeDefinition(name = "Land",
            description = "The Land of the Zulassungsbehörde (ISO 3166-2:DE code, e.g. SN, BY, NW): the Land fee-arrears check"
                    + " asks this Land's connector (FZV Anlage 11 Nr. 8, § 6a(8) StVG). Required.")
    String land() default "";

    @AttributeDefinition(name = "Housekeeping period (ms)",
            description = "How often deadlines, transfers and deletions are worked off")
    long housekeeping_period() default 1000;

    @AttributeDefinition(name = "Fee table of the Land or district",
            description = "Path of a GebOSt table in the format of the bundled gebost.tsv; its items replace the "
                    + "bundled ones (all periods of an item). Empty: the bundled table only.")
    String fees_file() default "";

    /** Property {@code review.rate}. */
    @AttributeDefinition(name = "Share of automated decisions drawn for review",
            description = "FZV § 23(3), Vorbehalt der Nachprüfung: the probability (0 to 1) that an automated decision is drawn"
                    + " at random for a supervisor's review; about 6 % was planned in 2019. Supervisors select further ones by hand.")
    double review_rate() default 0.06;

    /** Property {@code review.manualIntervalDays}. */
    @AttributeDefinition(name = "Days between manual selections for review",
            description = "FZV § 23(3): besides the random draw, supervisors select decisions by hand at regular intervals;"
                    + " the review page says when the next selection is due.", min = "1")
    int review_manualIntervalDays() default 7;

    /** Property {@code dialog.idleMinutes}. */
    @AttributeDefinition(name = "Minutes until an untouched dialog counts as abandoned",
            description = "FZV § 19(1) S. 6: a dialog, or a verified application not paid, that the applicant has not touched for"
                    + " this long counts as aborted, and its dialog data (security codes included) are deleted then.", min = "1")
    int dialog_idleMinutes() default 30;

    /** Property {@code check.timeoutSeconds}. */
    @AttributeDefinition(name = "Time bound of one check (s)",
            description = "A check (e.g. the register query) that has not answered within this time fails; the clerks decide.", min = "1")
    int check_timeoutSeconds() default 20;

    /** Property {@code check.threads}. */
    @AttributeDefinition(name = "Threads for checks",
            description = "How many checks may run at once; when all are busy and a short queue is full, a verification is refused"
                    + " with 'try again in a minute' instead of holding the portal's request threads.", min = "1")
    int check_threads() default 16;

    /** Property {@code verification.concurrent}. */
    @AttributeDefinition(name = "Verifications at once",
            description = "How many verifications may run at the same time (a bulkhead: each holds a request thread while the "
                    + "registers answer). Beyond it a verification is refused at once with 'try again in a minute'; nothing of "
                    + "the application changes and no correction is used.", min = "1")
    int verification_concurrent() default 16;

    /** Property {@code verification.opposedPerVehicle}. */
    @AttributeDefinition(name = "Opposed verifications per vehicle",
            description = "FZV § 20(4) allows three corrections per application. Across applications, after this many opposed "
                    + "verifications of one vehicle (plate or FIN) within the window below, its verification is refused until "
                    + "the window ends (HTTP 429), so nobody can try codes for a vehicle application after application.", min = "1")
    int verification_opposedPerVehicle() default 20;

    /** Property {@code verification.vehicleWindowMinutes}. */
    @AttributeDefinition(name = "Window for the count per vehicle (minutes)", min = "1")
    int verification_vehicleWindowMinutes() default 60;

    /** Property {@code node.id}. */
    @AttributeDefinition(name = "This node's id",
            description = "Several platform nodes on one PostgreSQL database: each needs an id of its own (e.g. the host name),"
                    + " under which it claims the outbox messages it sends. Empty: the host name and a hash of the installation's"
                    + " folder (logged at start; the same after a restart). Configure it where nodes can share host name and folder.",
            required = false)
    String node_id() default "";

    /** Property {@code outbox.leaseSeconds}. */
    @AttributeDefinition(name = "Claim on outbox messages (s)",
            description = "A node claims the outbox messages it sends for this long, and sends them within the first half of it"
                    + " (then renews the claim); a node that died leaves its messages to the others after this time. Longer than"
                    + " twice the slowest connector's time bound.", min = "2")
    int outbox_leaseSeconds() default 120;

    /** Property {@code outbox.claimSize}. */
    @AttributeDefinition(name = "Outbox messages claimed at a time",
            description = "How many messages a node claims in one round; several nodes share a backlog in portions of this size.",
            min = "1")
    int outbox_claimSize() default 500;

    /** Property {@code outbox.lanes}. */
    @AttributeDefinition(name = "Senders per destination",
            description = "How many messages a destination (the KBA, the Fachverfahren, the post) is sent at once, each sender"
                    + " for its share of the applications: the messages of one application arrive in their order. A stop"
                    + " (kill -9) may send at most this many messages per destination a second time, with the same message id.",
            min = "1", max = "64")
    int outbox_lanes() default 4;

    /** Property {@code portal.origins}. */
    @AttributeDefinition(name = "The portal's own origins",
            description = "e.g. https://ikfz.example.de; the identity and payment providers send applicants back only to these."
                    + " Empty: any http(s) address without user information (the web tier checks its own origin).")
    String[] portal_origins() default {};

    /** Property {@code district.procedures}. */
    @AttributeDefinition(name = "Procedures the district offers",
            description = "Ids of the procedures this Zulassungsbehörde offers online (e.g. ausserbetriebsetzung, umschreibung;"
                    + " lower-case letters, digits and hyphens), filled from the district's descriptor. While one of them is not"
                    + " deployed, the readiness probe (/health/ready on the machine API's ingress) answers 503 and names it, so a"
                    + " load balancer sends no applicants to an incomplete portal; a procedure not named cannot be opened. In a .cfg"
                    + " file: the ids separated by commas,"
                    + " e.g. district.procedures=ausserbetriebsetzung,umschreibung. Empty: no procedure is required.")
    String[] district_procedures() default {};
}
