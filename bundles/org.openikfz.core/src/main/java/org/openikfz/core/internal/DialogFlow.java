package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import static org.openikfz.api.application.ApplicationException.Reason.INVALID;
import static org.openikfz.api.application.ApplicationException.Reason.UNAVAILABLE;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.application.ApplicationStatus;
import org.openikfz.api.check.Finding;
import org.openikfz.api.application.Decision;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.IdentificationRefusedException;
import org.openikfz.api.connector.IdentityProvider;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.InvalidAnswerException;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.core.internal.access.Access;
import org.openikfz.core.internal.access.StatusCodes;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.core.internal.lifecycle.CaseState;
import org.openikfz.core.internal.lifecycle.CaseHolds;
import org.openikfz.core.internal.lifecycle.Cases;
import org.openikfz.core.internal.verification.Corrections;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseFile;

/** The dialog: opening an application, the eID login (FZV § 20(1)), answers validated at the edge, and the status. */
final class DialogFlow {

    private static final System.Logger LOG = System.getLogger(DialogFlow.class.getName());

    private final Core core;
    /** The checks that need only the identity, run right after the login: what they oppose stops the dialog. */
    private final java.util.function.BiFunction<Case, Map<String, String>, List<Finding>> identityChecks;

    /** The checks that run as soon as their answers are given (a Wunschkennzeichen): what they oppose is an answer's error. */
    private final AnswerChecks answerChecks;

    /** Checks of the case as answered, given all its data and the fields answered just now. */
    interface AnswerChecks {
        List<Finding> check(Case answered, Map<String, String> data, java.util.Set<String> answeredNow);
    }

    /** For rendering a status only (no login is completed through it). */
    DialogFlow(Core core) {
        this(core, (c, data) -> List.of(), (c, data, now) -> List.of());
    }

    DialogFlow(Core core, java.util.function.BiFunction<Case, Map<String, String>, List<Finding>> identityChecks,
            AnswerChecks answerChecks) {
        this.core = core;
        this.identityChecks = identityChecks;
        this.answerChecks = answerChecks;
    }

    ApplicationRef open(ProcedureId procedureId, String authorityKey) {
        String authority = core.access.authorityFor(authorityKey);
        if (!core.offered.isEmpty() && !core.offered.contains(procedureId.value())) {
            throw new ApplicationException(INVALID, TEXTS.get("dialogFlow.your-registration-authority-does-not"));
        }
        Procedure procedure = core.registry.procedure(procedureId.value());
        if (procedure == null || !core.registry.unmet(procedure).isEmpty()) {
            // nothing entered yet: unlike procedure(id), there are no entries to keep
            throw new ApplicationException(UNAVAILABLE, TEXTS.get("dialogFlow.this-procedure-is-not-offered"));
        }
        String token = core.access.newSecret();
        Case opened = core.store.inTransaction(s -> {
            // the reference number from the start: the applicant can quote it and look the application up (status page)
            Case c = Case.open(core.access.newApplicationId(), procedureId.value(), core.registry.version(procedure), authority, CaseState.DIALOG.name(),
                    Corrections.ALLOWED, Access.sha256(token), core.now().plus(core.idleTimeout), core.reference(s),
                    StatusCodes.hash(StatusCodes.of(token)));
            s.insertCase(c);
            s.appendAudit(c.id(), "OPENED", "procedure=" + procedureId.value() + ";reference=" + c.reference());
            return c;
        });
        return new ApplicationRef(opened.id(), token);
    }

    URI startIdentification(ApplicationRef ref, URI returnTo) {
        CaseFile file = core.authenticate(ref);
        Core.requireState(file.state(), CaseState.DIALOG);
        URI back = core.access.returnAddress(returnTo);
        IdentityProvider provider = identityProvider();
        // the state parameter binds the one-time code to this application: only a code issued for it is redeemed into it
        String state = core.access.newSecret();
        try (CaseHolds.Held held = core.holds.change(ref.id())) {
            Cases.change(core.store, file.state(), c -> c.withEidState(state).withDueAt(core.now().plus(core.idleTimeout)));
        }
        return provider.loginPage(state, back);
    }

    ApplicationStatus completeIdentification(ApplicationRef ref, String code) {
        CaseFile file = core.authenticate(ref);
        Case c = file.state();
        Core.requireState(c, CaseState.DIALOG);
        if (c.eidState() == null) {
            throw loginRefused(); // no login was started for this application: the code cannot be one of its own
        }
        try (CaseHolds.Held held = core.holds.change(ref.id())) {
            return completeIdentification(ref, file, c, code);
        }
    }

    private ApplicationStatus completeIdentification(ApplicationRef ref, CaseFile file, Case c, String code) {
        IdentityProvider provider = identityProvider();
        VerifiedIdentity person;
        try {
            person = provider.redeem(code, c.eidState());
        } catch (IdentificationRefusedException e) {
            // a wrong, used, expired or foreign code: the applicant logs in again; not an outage (no 503 for a bad code)
            throw loginRefused();
        } catch (ConnectorUnavailableException | RuntimeException e) {
            throw new ApplicationException(UNAVAILABLE, TEXTS.get("dialogFlow.login-service-unavailable"));
        }
        // FZV § 20(1): data the ID method provides are taken from it, not typed
        Map<String, String> data = new HashMap<>();
        data.put(DialogRules.IDENTITY + "level", person.level());
        data.put(DialogRules.IDENTITY + "subject", person.subject());
        data.put(DialogRules.IDENTITY + "organisation", Boolean.toString(person.organisation()));
        data.put(DialogRules.IDENTITY + "name", person.person().name());
        putIfPresent(data, DialogRules.IDENTITY + "street", person.person().street());
        putIfPresent(data, DialogRules.IDENTITY + "postalCode", person.person().postalCode());
        putIfPresent(data, DialogRules.IDENTITY + "city", person.person().city());
        if (person.person().dateOfBirth() != null) {
            data.put(DialogRules.IDENTITY + "dateOfBirth", person.person().dateOfBirth().toString());
        }
        // a second login replaces the first identity as a whole: nothing of the earlier person stays (a company has no
        // date of birth, and must not get the previous person's)
        List<String> earlier = file.data().keySet().stream().filter(k -> k.startsWith(DialogRules.IDENTITY) && !data.containsKey(k)).toList();
        Case identified = core.store.inTransaction(s -> {
            Case next = Cases.change(s, c, x -> x.withIdentified(true).withEidState(null).withDueAt(core.now().plus(core.idleTimeout)));
            s.changeData(c.id(), data, earlier);
            s.appendAudit(c.id(), "IDENTIFIED", "level=" + person.level());
            return next;
        });
        Map<String, String> all = new HashMap<>(file.data());
        earlier.forEach(all::remove);
        all.putAll(data);
        // FZV §§ 20(1), 21: what depends only on who applies (residence in the district, arrears) is checked now,
        // before any code is asked for; what it opposes cannot be corrected online, so it stops the dialog here
        List<Finding> stops = identityChecks.apply(identified, all);
        String written = Findings.write(stops);
        if (!written.equals(all.getOrDefault(DialogRules.STOPS, ""))) {
            core.store.putData(c.id(), DialogRules.STOPS, written);
            all.put(DialogRules.STOPS, written);
        }
        return status(new CaseFile(identified, all), ref);
    }

    Map<String, LocalizedText> answer(ApplicationRef ref, Map<String, String> answers) {
        CaseFile file = core.authenticate(ref);
        Case c = file.state();
        // answers only in the dialog: not while a verification runs, nor after one passed (FZV § 20(4))
        Core.requireState(c, CaseState.DIALOG);
        ProcedureDescription description = core.procedure(c).description();
        Map<String, LocalizedText> errors = new LinkedHashMap<>();
        Map<String, String> valid = new HashMap<>();
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            Optional<Field> field = description.dialog().field(answer.getKey());
            if (field.isEmpty()) {
                errors.put(answer.getKey(), TEXTS.get("dialogFlow.this-question-does-not-exist"));
                continue;
            }
            String value = answer.getValue() == null ? "" : answer.getValue().strip();
            if (value.isEmpty()) {
                valid.put(answer.getKey(), "");
                continue;
            }
            try {
                valid.put(answer.getKey(), DialogRules.normalize(field.get(), value));
            } catch (InvalidAnswerException e) {
                errors.put(answer.getKey(), e.text());
            } catch (RuntimeException e) {
                // a field type of another bundle that breaks its contract: refused, and the operators are told
                LOG.log(System.Logger.Level.WARNING, "field type {0} of {1} threw {2} instead of InvalidAnswerException",
                        field.get().type().name(), description.id(), e.getClass().getName());
                errors.put(answer.getKey(), TEXTS.get("dialogFlow.we-cannot-accept-this-entry"));
            }
        }
        if (!valid.isEmpty()) {
            // an answer that differs from the one given corrects what an opposed verification checked (FZV § 20(4) S. 3)
            Map<String, String> write = DialogRules.withCorrection(file.data(), valid);
            Case answered;
            // refused while a verification holds the case; compare and set: refused when one took it meanwhile
            try (CaseHolds.Held held = core.holds.change(c.id())) {
                answered = core.store.inTransaction(s -> {
                    Case next = Cases.change(s, c, x -> x.withDueAt(core.now().plus(core.idleTimeout)), write);
                    s.appendAudit(c.id(), "ANSWERED", "fields=" + String.join(",", new TreeSet<>(valid.keySet())));
                    return next;
                });
            }
            Map<String, String> all = new HashMap<>(file.data());
            all.putAll(valid);
            for (Finding finding : answerChecks.check(answered, all, valid.keySet())) {
                // a finding on the whole application is said on the first field answered
                errors.putIfAbsent(finding.field().orElse(new TreeSet<>(valid.keySet()).first()), finding.message());
            }
        }
        return errors;
    }

    ApplicationStatus status(ApplicationRef ref) {
        return status(core.authenticate(ref), ref);
    }

    /** Asks for e-mail confirmations (or stops them): until the application is decided. */
    ApplicationStatus requestConfirmations(ApplicationRef ref, String email) {
        CaseFile file = core.authenticate(ref);
        String address = Confirmations.address(email);
        Core.requireState(file.state(), CaseState.DIALOG, CaseState.AWAITING_PAYMENT, CaseState.NOT_DECIDABLE, CaseState.MANUAL_REVIEW,
                CaseState.WITH_CLERKS);
        try (CaseHolds.Held held = core.holds.change(file.state().id())) {
            requestConfirmations(file, address);
        }
        return status(core.store.findCaseFile(file.state().id()).orElseThrow(Access::notFound), ref);
    }

    private void requestConfirmations(CaseFile file, String address) {
        core.store.inTransaction(s -> {
            // compare and set: a decision that happened meanwhile is not followed by a late request
            Cases.change(s, file.state(), x -> x);
            if (address == null) {
                s.removeData(file.state().id(), List.of(DialogRules.CONFIRMATIONS_TO));
            } else {
                s.putData(file.state().id(), DialogRules.CONFIRMATIONS_TO, address);
            }
            s.appendAudit(file.state().id(), "CONFIRMATIONS", address == null ? "none" : "email");
            return null;
        });
    }

    /** The application as the applicant may see it: from its typed state and dialog data, never from the audit trail. */
    ApplicationStatus status(CaseFile file, ApplicationRef ref) {
        Case c = file.state();
        Map<String, String> data = file.data();
        CaseState state = CaseState.of(c.state());
        ApplicationState visible = state.visible();
        Procedure procedure = core.running(c);
        if (procedure == null && !data.isEmpty()) {
            // the procedure's bundle is away (an upgrade, a redeploy): the entries are kept and shown again once it is
            // back; until then "not available right now" (503), not an application without answers or documents
            core.procedure(c);
        }
        Map<String, String> shown = new HashMap<>();
        if (procedure != null) {
            for (Map.Entry<String, String> e : DialogRules.answersOf(data).values().entrySet()) {
                Optional<Field> field = procedure.description().dialog().field(e.getKey());
                if (field.isPresent() && !field.get().type().secret()) {
                    shown.put(e.getKey(), e.getValue());
                }
            }
        }
        Decision decision = Core.decision(c, data);
        // paid but not submitted: the provider's word, so that the applicant is asked to submit, not to pay again
        boolean paid = new PaymentFlow(core).paid(c);
        LocalizedText next = visible == ApplicationState.DECIDED && decision != null && !decision.automated()
                ? Texts.nextAfterClerk()
                : visible == ApplicationState.ABORTED && data.containsKey(DialogRules.WITHDRAWN) ? Texts.withdrawn()
                : paid && (visible == ApplicationState.AWAITING_PAYMENT || visible == ApplicationState.NOT_DECIDABLE) ? Texts.paidNotSubmitted()
                : Texts.next(visible, c.correctionsLeft(), procedure != null && procedure.daysFromMailingToEffect() == 0);
        return new ApplicationStatus(c.id(), new ProcedureId(c.procedureId()), visible, c.correctionsLeft(),
                Findings.read(data.getOrDefault(DialogRules.FINDINGS, "")), Findings.readFees(data.getOrDefault(DialogRules.FEES, "")),
                c.identified(), paid, decision, next, shown, Documents.offered(core, c, data),
                visible == ApplicationState.DIALOG ? Findings.read(data.getOrDefault(DialogRules.STOPS, "")) : List.of(),
                c.reference() != null ? c.reference() : decision == null ? null : decision.reference(),
                c.statusHash() == null ? null : StatusCodes.of(ref.accessToken()),
                c.identified() ? data.get(DialogRules.IDENTITY + "name") : null,
                Confirmations.masked(data.get(DialogRules.CONFIRMATIONS_TO)));
    }

    private IdentityProvider identityProvider() {
        IdentityProvider provider = core.identity.get();
        if (provider == null) {
            throw new ApplicationException(UNAVAILABLE, TEXTS.get("dialogFlow.electronic-identification-is-not-available"));
        }
        return provider;
    }

    private static ApplicationException loginRefused() {
        return new ApplicationException(ApplicationException.Reason.INVALID, TEXTS.get("dialogFlow.the-login-could-not-be"));
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

}
