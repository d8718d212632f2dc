package org.openikfz.core.internal;

import org.openikfz.api.dialog.SharedFields;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openikfz.api.application.Decision;
import org.openikfz.api.check.Facts;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.Output;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.store.api.Application;

/**
 * The authority's outgoing post for a decided application, queued in the outbox with the transfer
 * (exactly once, like the transfer): which letters a case needs and what each says.
 */
final class Letters {

    static final String DECISION_PRINTOUT = "decision-printout";
    static final String REGISTRATION_DOCUMENTS = "registration-documents";
    static final String NOTICE_TO_HOLDER = "notice-to-holder";
    static final String NOTICE_TO_PREVIOUS_HOLDER = "notice-to-previous-holder";
    /** A clerk's written decision with its reason (FZV § 19(1) S. 4; manual decisions are mailed). */
    static final String CLERK_DECISION = "clerk-decision";

    private Letters() {
    }

    /** The letters of a decided case, in the order they are queued. */
    static List<String> of(boolean mailDecision, Set<Output> outputs) {
        List<String> letters = new ArrayList<>();
        // FZV § 23(1) S. 2: not retrieved within 30 minutes — a printout goes to the holder
        if (mailDecision) {
            letters.add(DECISION_PRINTOUT);
        }
        // FZV § 26(4) (2019: § 15i(4)): registration certificate and seal carriers are sent to the holder
        if (outputs.contains(Output.DOCUMENTS_BY_POST) || !contentsNamed(outputs).isEmpty()) {
            letters.add(REGISTRATION_DOCUMENTS);
        }
        // FZV § 24 (2019: § 15g(3)): a third party applied — the holder is informed in writing
        if (outputs.contains(Output.NOTICE_TO_HOLDER)) {
            letters.add(NOTICE_TO_HOLDER);
        }
        // FZV § 30 (2019: § 15l(5)): the previous holder is told the day the change took effect
        if (outputs.contains(Output.NOTICE_TO_PREVIOUS_HOLDER)) {
            letters.add(NOTICE_TO_PREVIOUS_HOLDER);
        }
        return letters;
    }

    static String payload(String kind, Application application, ProcedureDescription description, Decision decision,
            Set<Output> outputs, Answers answers, Map<String, String> facts, VerifiedIdentity applicant, Instant now) {
        return payload(kind, application, description, decision, outputs, answers, facts, applicant, now, Map.of());
    }

    /** @param extra further members, e.g. a clerk's decision and reason */
    static String payload(String kind, Application application, ProcedureDescription description, Decision decision,
            Set<Output> outputs, Answers answers, Map<String, String> facts, VerifiedIdentity applicant, Instant now,
            Map<String, Object> extra) {
        Holder fromRegister = registerHolder(facts);
        Map<String, Object> registerHolder = fromRegister == null ? null : recipient(fromRegister);
        Map<String, Object> holder = toApplicant(description, fromRegister, applicant) ? person(applicant) : registerHolder;
        Map<String, Object> recipient = switch (kind) {
            case NOTICE_TO_HOLDER, NOTICE_TO_PREVIOUS_HOLDER -> registerHolder;
            default -> holder;
        };
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", kind);
        doc.put("application", application.id().toString());
        doc.put("authority", application.authorityId());
        doc.put("procedure", application.procedureId());
        doc.put("procedureTitle", description.title().get(Locale.GERMAN));
        doc.put("reference", decision.reference());
        // without an address the authority's Fachverfahren, which has the register data, addresses it
        doc.put("recipient", recipient);
        doc.put("kennzeichen", decision.kennzeichen());
        doc.put("effectiveOn", decision.effectiveOn() == null ? null : decision.effectiveOn().toString());
        doc.put("mailedOn", decision.mailedOn() == null ? null : decision.mailedOn().toString());
        if (kind.equals(REGISTRATION_DOCUMENTS)) {
            doc.put("contents", contents(outputs, answers, facts));
        }
        doc.putAll(extra);
        doc.put("queuedAt", now.truncatedTo(ChronoUnit.SECONDS).toString());
        return Json.object(doc);
    }

    /** What the registration documents letter holds, as the procedure names it (2019: § 15i(4) S. 1). */
    static List<String> contents(Set<Output> outputs, Answers answers, Map<String, String> facts) {
        List<String> named = contentsNamed(outputs);
        if (!named.isEmpty()) {
            return named;
        }
        // a procedure of SPI 1.1 names no contents: the ZB I, and seals (with the HU sticker, if the register knows the HU) for a new plate
        boolean newPlate = answers.get(SharedFields.KENNZEICHEN_WAHL).map(w -> !w.equals(SharedFields.WAHL_BEHALTEN)).orElse(false);
        List<String> contents = new ArrayList<>(List.of(ZB1));
        if (newPlate) {
            contents.add(SEALS);
        }
        if (facts.containsKey(Facts.HU_NEXT.name()) && newPlate) {
            contents.add(HU_STICKER);
        }
        return contents;
    }

    private static final String ZB1 = "Zulassungsbescheinigung Teil I";
    private static final String ZB2 = "Zulassungsbescheinigung Teil II";
    private static final String SEALS = "Plakettenträger mit Stempelplaketten";
    private static final String HU_STICKER = "Plakettenträger mit HU-Prüfplakette";

    private static List<String> contentsNamed(Set<Output> outputs) {
        List<String> contents = new ArrayList<>();
        if (outputs.contains(Output.ZB1_BY_POST)) {
            contents.add(ZB1);
        }
        if (outputs.contains(Output.ZB2_BY_POST)) {
            contents.add(ZB2);
        }
        if (outputs.contains(Output.SEAL_CARRIERS_BY_POST)) {
            contents.add(SEALS);
        }
        if (outputs.contains(Output.HU_SEAL_CARRIER_BY_POST)) {
            contents.add(HU_STICKER);
        }
        return contents;
    }

    /** A person's postal data for a letter or the transfer, or {@code null}. */
    static Map<String, Object> person(VerifiedIdentity identity) {
        if (identity == null) {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", identity.person().name());
        p.put("street", identity.person().street());
        p.put("postalCode", identity.person().postalCode());
        p.put("city", identity.person().city());
        p.put("dateOfBirth", identity.person().dateOfBirth() == null ? null : identity.person().dateOfBirth().toString());
        p.put("organisation", identity.organisation());
        return p;
    }

    /**
     * Whom the holder's letters (the decision, the registration documents) go to: the identified
     * applicant where the procedure identifies (registrations, § 20(1)), otherwise the holder in the
     * register, otherwise the identified applicant; {@code null} when none is known completely.
     */
    static Holder addressee(ProcedureDescription description, Map<String, String> facts, VerifiedIdentity applicant) {
        Holder fromRegister = registerHolder(facts);
        Holder chosen = toApplicant(description, fromRegister, applicant) ? applicant.person() : fromRegister;
        return chosen != null && complete(chosen) ? chosen : null;
    }

    /**
     * The holder after the decision, whom the holder's letters go to: the identified applicant where
     * the law asks the holder to identify (registrations, § 20(1)); otherwise (Außerbetriebsetzung) the
     * holder in the register, and the identified applicant when the register named none.
     */
    private static boolean toApplicant(ProcedureDescription description, Holder fromRegister, VerifiedIdentity applicant) {
        return applicant != null && (description.identification() == Identification.REQUIRED || fromRegister == null);
    }

    /** Whether a letter can go to this address: name, street, postal code and city given. */
    static boolean complete(Holder h) {
        return !h.name().isBlank() && h.street() != null && !h.street().isBlank() && h.postalCode() != null && !h.postalCode().isBlank()
                && h.city() != null && !h.city().isBlank();
    }

    /** An address as a letter's recipient. */
    static Map<String, Object> recipient(Holder h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", h.name());
        p.put("street", h.street());
        p.put("postalCode", h.postalCode());
        p.put("city", h.city());
        return p;
    }

    /** The holder as the register names them (FZV Anlage 11 Nr. 2), or {@code null}. */
    private static Holder registerHolder(Map<String, String> facts) {
        return facts.containsKey(Facts.ZFZR_HOLDER_NAME.name()) ? new Holder(facts.get(Facts.ZFZR_HOLDER_NAME.name()), facts.get(Facts.ZFZR_HOLDER_STREET.name()),
                facts.get(Facts.ZFZR_HOLDER_POSTAL_CODE.name()), facts.get(Facts.ZFZR_HOLDER_CITY.name()), null) : null;
    }
}
