package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import static org.openikfz.api.application.ApplicationException.Reason.UNAVAILABLE;
import static org.openikfz.api.application.ApplicationException.Reason.WRONG_STATE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.Decision;
import org.openikfz.api.connector.IdentityProvider;
import org.openikfz.api.connector.PaymentProvider;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.core.internal.access.Access;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.core.internal.lifecycle.CaseState;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseDecision;
import org.openikfz.store.api.CaseFile;

/**
 * What the engine's units share: the store, the clock, the registry of procedures and checks, the
 * portal's access rules and configuration, and the providers of the moment.
 */
final class Core {

    // FZV § 23(1): the automated decision is offered as a document for 30 minutes
    static final Duration DOCUMENT_WINDOW = Duration.ofMinutes(30);
    // FZV § 19(1) S. 6: dialog data are deleted at the latest 30 minutes after an abort
    static final Duration ABORTED_RETENTION = Duration.ofMinutes(30);
    // how long a clerk's decision letter stays downloadable in the back office before the case file is deleted
    static final Duration CLERK_LETTER_WINDOW = Duration.ofMinutes(30);
    // FZV § 18(3): log data are deleted automatically after six months
    static final int LOG_RETENTION_MONTHS = 6;
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    final ApplicationStore store;
    final Supplier<Clock> clock;
    final Registry registry;
    final Access access;
    final Letterhead authority;
    final org.openikfz.api.value.Land land;
    final FeeTable fees;
    final DatedSettings settings;
    final ReviewSampling sampling;
    /**
     * FZV § 19(1) S. 6: a dialog (or a verified application not paid) the applicant has not touched
     * for this long counts as abandoned, i.e. aborted; its dialog data are deleted then.
     */
    final Duration idleTimeout;
    final Supplier<PaymentProvider> payment;
    final Supplier<IdentityProvider> identity;
    /** The procedures the district offers; empty: whatever is deployed. */
    final java.util.Set<String> offered;
    /** Told of decisions and deliveries, for the metrics. */
    final org.openikfz.core.internal.operations.Observations observations;
    /** Seals the codes of a case with the clerks, for a re-run of its checks; {@code null}: they are deleted as before. */
    final org.openikfz.core.internal.access.CaseSeal seal;
    /** The applications this engine's calls are verifying or changing right now (FZV § 20(4)). */
    final org.openikfz.core.internal.lifecycle.CaseHolds holds = new org.openikfz.core.internal.lifecycle.CaseHolds();
    /** The payment provider's recent answers, for status reads (see {@link PaymentLookups}). */
    final PaymentLookups paymentLookups = new PaymentLookups();

    /**
     * The engine's shared state for the district the configuration names (which refuses to start without its
     * authority); fees are data: the bundled GebOSt table, with the Land's or district's entries from etc/ replacing its items.
     */
    static Core of(EngineConfig config, ApplicationStore store, Supplier<Clock> clock, Registry registry,
            Supplier<PaymentProvider> payment, Supplier<IdentityProvider> identity,
            org.openikfz.core.internal.operations.Observations observations, String home) {
        District district = District.of(config);
        java.security.SecureRandom random = new java.security.SecureRandom();
        java.util.List<java.net.URI> origins = java.util.Arrays.stream(config.portal_origins()).map(String::strip)
                .filter(s -> !s.isEmpty()).map(java.net.URI::create).toList();
        // the key that seals the codes of cases with the clerks stays in the installation's folder, never in the database
        org.openikfz.core.internal.access.CaseSeal seal = home == null ? null
                : org.openikfz.core.internal.access.CaseSeal.of(java.nio.file.Path.of(home, "data", "case-file.key"), random);
        return new Core(store, clock, registry, new Access(random, district.authority(), origins), district.letterhead(),
                district.land(), FeeTable.bundled().withOverrides(config.fees_file()), DatedSettings.bundled(),
                new ReviewSampling(config.review_rate(), random), Duration.ofMinutes(Math.max(1, config.dialog_idleMinutes())),
                payment, identity, district.procedures(), observations, seal);
    }

    Core(ApplicationStore store, Supplier<Clock> clock, Registry registry, Access access, Letterhead authority,
            org.openikfz.api.value.Land land, FeeTable fees, DatedSettings settings, ReviewSampling sampling, Duration idleTimeout,
            Supplier<PaymentProvider> payment, Supplier<IdentityProvider> identity, java.util.Set<String> offered) {
        this(store, clock, registry, access, authority, land, fees, settings, sampling, idleTimeout, payment, identity, offered,
                org.openikfz.core.internal.operations.Observations.NONE);
    }

    Core(ApplicationStore store, Supplier<Clock> clock, Registry registry, Access access, Letterhead authority,
            org.openikfz.api.value.Land land, FeeTable fees, DatedSettings settings, ReviewSampling sampling, Duration idleTimeout,
            Supplier<PaymentProvider> payment, Supplier<IdentityProvider> identity, java.util.Set<String> offered,
            org.openikfz.core.internal.operations.Observations observations) {
        this(store, clock, registry, access, authority, land, fees, settings, sampling, idleTimeout, payment, identity, offered,
                observations, null);
    }

    Core(ApplicationStore store, Supplier<Clock> clock, Registry registry, Access access, Letterhead authority,
            org.openikfz.api.value.Land land, FeeTable fees, DatedSettings settings, ReviewSampling sampling, Duration idleTimeout,
            Supplier<PaymentProvider> payment, Supplier<IdentityProvider> identity, java.util.Set<String> offered,
            org.openikfz.core.internal.operations.Observations observations, org.openikfz.core.internal.access.CaseSeal seal) {
        this.seal = seal;
        this.store = store;
        this.clock = clock;
        this.registry = registry;
        this.access = access;
        this.authority = authority;
        this.land = land;
        this.fees = fees;
        this.settings = settings;
        this.sampling = sampling;
        this.idleTimeout = idleTimeout;
        this.payment = payment;
        this.identity = identity;
        this.offered = java.util.Set.copyOf(offered);
        this.observations = observations;
    }

    Instant now() {
        return clock.get().instant();
    }

    LocalDate today() {
        return LocalDate.now(clock.get().withZone(ZONE));
    }

    /** The case and its dialog data, for the holder of its token only (one query). */
    CaseFile authenticate(ApplicationRef ref) {
        if (ref == null || ref.id() == null) {
            throw Access.notFound();
        }
        CaseFile file = store.findCaseFile(ref.id()).orElseThrow(Access::notFound);
        Access.requireToken(file.state(), ref);
        return file;
    }

    /**
     * The procedure an application runs on: the version it was opened with while that is deployed, else the
     * one new applications of its id get ({@link Registry}); {@code null} when none of its id is deployed.
     */
    Procedure running(Case c) {
        return registry.procedure(c.procedureId(), c.procedureVersion());
    }

    /** {@link #running(Case)}, or "not available right now" (the entries are kept) when no version of it is deployed. */
    Procedure procedure(Case c) {
        Procedure procedure = running(c);
        if (procedure == null) {
            throw new ApplicationException(UNAVAILABLE, TEXTS.get("core.this-procedure-is-not-available"));
        }
        return procedure;
    }

    static void requireState(Case c, CaseState... allowed) {
        CaseState state = CaseState.of(c.state());
        for (CaseState s : allowed) {
            if (s == state) {
                return;
            }
        }
        if (state == CaseState.VERIFYING) {
            throw new ApplicationException(WRONG_STATE, TEXTS.get("core.your-entries-are-being-verified"));
        }
        throw new ApplicationException(WRONG_STATE, TEXTS.get("core.this-step-does-not-fit"));
    }

    /** The answers that count (visible), from the dialog data. */
    static Answers answers(ProcedureDescription description, Map<String, String> data) {
        return DialogRules.visibleAnswers(description, DialogRules.answersOf(data));
    }

    /**
     * What the procedure produces for this case (documents, letters), judged from its answers, the facts
     * the checks established and the identified applicant, never from the answers alone.
     */
    Set<Output> outputs(Procedure procedure, Case c, Map<String, String> data) {
        return procedure.outputs(new ProcedureEvaluation(answers(procedure.description(), data), DialogRules.factsOf(data),
                DialogRules.identityOf(data), c.authorityId(), today()));
    }

    /** The decision as the applicant's API shows it, from the typed state. */
    static Decision decision(Case c, Map<String, String> data) {
        CaseDecision d = c.decision();
        if (d == null) {
            return null;
        }
        return new Decision(d.reference(), d.automated(), d.decidedAt(), d.offeredUntil() == null ? d.decidedAt() : d.offeredUntil(),
                d.retrievedAt(), d.mailedOn(), d.effectiveOn(),
                d.approved() ? TEXTS.get("core.your-application-is-granted")
                        : TEXTS.get("core.your-application-is-refused-the"),
                data.get(DialogRules.DECIDED_PLATE), d.drivingAllowedUntil());
    }

    /**
     * A new reference number (Aktenzeichen) from the database's sequence (unique): {@code ERZ-2026-00000042}. An
     * application gets it when it is opened and its decision keeps it.
     */
    String reference(ApplicationStore s) {
        String number = Long.toString(s.nextDecisionNumber());
        return access.authority() + "-" + today().getYear() + "-" + "0".repeat(Math.max(0, 8 - number.length())) + number;
    }

    /** The reference of the case's decision: the one it was opened with (one opened before schema 9 gets a new one). */
    String reference(ApplicationStore s, Case c) {
        return c.reference() != null ? c.reference() : reference(s);
    }

    /**
     * FZV § 19(1) S. 4 with § 19(1) S. 6: a case the machine could not decide keeps its codes sealed (never in clear, the
     * key outside the database), because the check they were given for is not done yet: the clerks can run it again
     * once the failed system is back. They are deleted when a clerk decides, and with the dialog data.
     */
    Map<String, String> sealed(java.util.UUID id, List<String> secrets, Map<String, String> data) {
        Map<String, String> sealed = new LinkedHashMap<>();
        if (seal != null) {
            for (String field : secrets) {
                String value = data.get(field);
                if (value != null && !value.isBlank()) {
                    sealed.put(DialogRules.SEALED + field, seal.seal(id, value));
                }
            }
        }
        return sealed;
    }

    /** The message to the authority's procedures or the KBA (FZV § 19(1), § 23(4)): no codes, no IBAN. */
    String transferPayload(Case c, ProcedureDescription description, Answers answers, Map<String, String> facts,
            VerifiedIdentity applicant, Decision decision, Map<String, Object> extra) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("application", c.id().toString());
        doc.put("procedure", c.procedureId());
        doc.put("authority", c.authorityId());
        // FZV § 19(1): transferred applications are marked as internet applications
        doc.put("internetApplication", true);
        doc.put("procedureTitle", description == null ? null : description.title().toString());
        // security codes and the IBAN were verified and are not passed on: the verified mandate travels
        // as its reference and masked IBAN (facts), the codes have served their purpose (FZV § 21)
        Map<String, String> passedOn = new TreeMap<>();
        answers.values().forEach((k, v) -> {
            boolean secret = description == null || description.dialog().field(k).map(f -> f.type().secret()).orElse(true);
            if (!secret) {
                passedOn.put(k, v);
            }
        });
        doc.put("answers", passedOn);
        // Anlage 11: the verified and created data are added to the application data
        doc.put("facts", new TreeMap<>(facts));
        doc.put("applicant", Letters.person(applicant));
        if (decision != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("reference", decision.reference());
            d.put("automated", decision.automated());
            d.put("decidedAt", decision.decidedAt().toString());
            d.put("retrievedAt", decision.retrievedAt() == null ? null : decision.retrievedAt().toString());
            d.put("mailedOn", decision.mailedOn() == null ? null : decision.mailedOn().toString());
            d.put("effectiveOn", decision.effectiveOn() == null ? null : decision.effectiveOn().toString());
            d.put("kennzeichen", decision.kennzeichen());
            d.put("drivingAllowedUntil", decision.drivingAllowedUntil() == null ? null : decision.drivingAllowedUntil().toString());
            doc.put("decision", d);
        }
        doc.putAll(extra);
        doc.put("transferredAt", now().truncatedTo(ChronoUnit.SECONDS).toString());
        return Json.object(doc);
    }
}
