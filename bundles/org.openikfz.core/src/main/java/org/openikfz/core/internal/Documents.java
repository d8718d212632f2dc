package org.openikfz.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.Decision;
import org.openikfz.api.application.DocumentKind;
import org.openikfz.api.check.Facts;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.core.internal.dialog.DialogRules;
import org.openikfz.core.internal.lifecycle.CaseState;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseDecision;
import org.openikfz.store.api.CaseFile;

/** FZV § 23(1)–(2): the decision's documents while they are offered, and what retrieving them means. */
final class Documents {

    private final Core core;

    Documents(Core core) {
        this.core = core;
    }

    /** The documents offered now: the decision's while its 30 minutes last, the SEPA confirmation while the data exist. */
    static List<DocumentKind> offered(Core core, Case c, Map<String, String> data) {
        List<DocumentKind> kinds = new ArrayList<>();
        Procedure procedure = core.running(c);
        if (procedure == null) {
            return kinds;
        }
        Set<Output> outputs = core.outputs(procedure, c, data);
        CaseState state = CaseState.of(c.state());
        CaseDecision decision = c.decision();
        // FZV § 23(1): offered for 30 minutes
        if (state == CaseState.DECIDED && decision != null && decision.offeredUntil() != null
                && core.now().isBefore(decision.offeredUntil())) {
            kinds.add(DocumentKind.DECISION);
            if (outputs.contains(Output.PROVISIONAL_REGISTRATION_PROOF)) {
                kinds.add(DocumentKind.PROVISIONAL_REGISTRATION_PROOF);
            }
        }
        // FZV Anlage 11 Nr. 5: the holder can save or print a confirmation of the verified SEPA mandate
        if (outputs.contains(Output.SEPA_MANDATE_CONFIRMATION)
                && !DialogRules.factsOf(data).getOrDefault(Facts.SEPA_MANDATE_REFERENCE.name(), "").isEmpty()
                && Set.of(CaseState.AWAITING_PAYMENT, CaseState.NOT_DECIDABLE, CaseState.DECIDED, CaseState.TRANSFER).contains(state)) {
            kinds.add(DocumentKind.SEPA_MANDATE_CONFIRMATION);
        }
        return kinds;
    }

    Optional<byte[]> document(ApplicationRef ref, DocumentKind kind) {
        CaseFile file = core.authenticate(ref);
        Case c = file.state();
        Map<String, String> data = file.data();
        // a procedure bundle that is away makes the documents of a case that still has its data unavailable right now
        // (503), not gone
        Procedure procedure = data.isEmpty() ? core.running(c) : core.procedure(c);
        if (procedure == null) {
            return Optional.empty();
        }
        ProcedureDescription description = procedure.description();
        if (!offered(core, c, data).contains(kind)) {
            return Optional.empty();
        }
        Map<String, String> facts = DialogRules.factsOf(data);
        if (kind == DocumentKind.SEPA_MANDATE_CONFIRMATION) {
            Optional<VerifiedIdentity> applicant = DialogRules.identityOf(data);
            return Optional.of(DecisionDocument.sepaMandateConfirmation(core.authority, description, facts,
                    applicant.map(a -> a.person().name()).orElse(null), core.today()));
        }
        Case current = c;
        while (current.decision().retrievedAt() == null) {
            // FZV § 23(2): retrieved as an electronic document, the decision takes effect that day
            Instant now = core.now();
            LocalDate today = LocalDate.ofInstant(now, Core.ZONE);
            // FZV §§ 31–32: with the downloaded decision the vehicle may be driven for a number of days
            LocalDate drivingUntil = offered(core, current, data).contains(DocumentKind.PROVISIONAL_REGISTRATION_PROOF)
                    ? today.plusDays(core.settings.provisionalValidityDays(today)) : null;
            Case before = current;
            Optional<Case> retrieved = core.store.inTransaction(s -> {
                Optional<Case> next = s.updateCase(before.withDecision(before.decision().retrieved(now, today, drivingUntil)));
                if (next.isPresent()) {
                    s.decisionEffective(before.id(), today);
                    s.appendAudit(before.id(), "RETRIEVED", "retrievedAt=" + now + ";effectiveOn=" + today
                            + (drivingUntil == null ? "" : ";drivingAllowedUntil=" + drivingUntil));
                }
                return next;
            });
            // another request changed the case meanwhile: read what it wrote. Retrieved twice at once: the other recorded it.
            // The window ended and the decision went by post: offered no longer, and not retrieved (FZV § 23(1)-(2): it
            // takes effect as mailed)
            current = retrieved.orElseGet(() -> core.store.findCase(before.id()).orElseThrow());
            if (current.decision() == null
                    || current.decision().retrievedAt() == null && !offered(core, current, data).contains(kind)) {
                return Optional.empty();
            }
        }
        Decision decision = Core.decision(current, data);
        String fin = DialogRules.answerOfType(description, Core.answers(description, data), FieldType.FIN).orElse(facts.get(Facts.ZFZR_FIN.name()));
        return Optional.of(kind == DocumentKind.DECISION
                ? DecisionDocument.decision(core.authority, description, decision, fin)
                : DecisionDocument.provisionalProof(core.authority, description, decision, fin));
    }
}
