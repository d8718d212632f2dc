package org.openikfz.check.rueckstand.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsKind;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.VerifiedIdentity;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.text.Texts;
import org.openikfz.api.value.Land;
import org.osgi.framework.Constants;

/**
 * What every arrears check does (FZV Anlage 11: "mit den Daten über den Halter … eine automatisierte
 * Abfrage"): ask the {@link ArrearsConnector} of its kind — for a Land's kind, of the authority's Land —
 * about the holder as identified electronically; arrears oppose the application and say how to settle
 * them; no connector, or one that cannot answer, fails the check so the clerks decide — never a pass.
 *
 * <p>Connectors come and go with their bundles; the components hand their bind/unbind here.
 */
final class ArrearsCheck {

    /** The texts: OSGI-INF/l10n/rueckstand.properties (German), _en (English), and any language a fragment adds. */
    private static final Texts TEXTS = Texts.of(ArrearsCheck.class, "OSGI-INF/l10n/rueckstand");

    /** A bound connector with the service properties that select it. */
    private record Bound(ArrearsConnector connector, String kind, String land, int ranking, long serviceId) {
    }

    /**
     * What the applicant reads when arrears are found; the connector's settlement text follows.
     *
     * @param german  with {@code {land}} for the Land's name and {@code {amount}} for ", zusammen 12,30 € (Kassenzeichen …)",
     *                what of it the connector said, or nothing
     * @param english the same in English
     */
    record Lead(String german, String english) {
    }

    private final ArrearsKind kind;
    private final boolean perLand;
    private final String label;
    private final LocalizedText named; // the clerks' texts name the check by it, e.g. "Gebührenrückstand"
    private final Lead lead;
    private final List<Bound> bound = new CopyOnWriteArrayList<>();

    /**
     * @param kind    the kind asked for
     * @param perLand whether the connector must be the authority's Land's (fee arrears) or any (vehicle tax)
     * @param label   how failures name the check for clerks, e.g. "Gebührenrückstand"
     */
    ArrearsCheck(ArrearsKind kind, boolean perLand, String label, Lead lead) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.perLand = perLand;
        this.label = Objects.requireNonNull(label, "label");
        this.named = named(kind);
        this.lead = Objects.requireNonNull(lead, "lead");
    }

    ArrearsKind kind() {
        return kind;
    }

    void bind(ArrearsConnector connector, Map<String, ?> properties) {
        bound.add(new Bound(connector, string(properties.get(ArrearsConnector.KIND)), string(properties.get(ArrearsConnector.LAND)),
                properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0,
                properties.get(Constants.SERVICE_ID) instanceof Long id ? id : 0L));
    }

    void unbind(ArrearsConnector connector) {
        bound.removeIf(b -> b.connector() == connector);
    }

    /** The connector to ask: of this kind and, per Land, of that Land; the highest ranking wins. */
    Optional<ArrearsConnector> connectorFor(Land land) {
        return bound.stream()
                .filter(b -> kind.value().equals(b.kind()))
                .filter(b -> !perLand || land.name().equalsIgnoreCase(b.land()))
                .min(Comparator.comparingInt(Bound::ranking).reversed().thenComparingLong(Bound::serviceId))
                .map(Bound::connector);
    }

    CheckResult check(CheckContext context) {
        try {
            return verify(context);
        } catch (RuntimeException e) {
            return CheckResult.failed(label + " check could not be completed: " + e.getClass().getSimpleName(), TEXTS.format("arrearsCheck.technical-error", named));
        }
    }

    private CheckResult verify(CheckContext context) {
        Optional<VerifiedIdentity> applicant = context.applicant();
        if (applicant.isEmpty()) {
            return CheckResult.failed(label + ": holder unknown, the applicant is not identified electronically", TEXTS.format("arrearsCheck.not-identified", named));
        }
        Land land = context.land();
        Optional<ArrearsConnector> connector = connectorFor(land);
        if (connector.isEmpty()) {
            return CheckResult.failed(label + ": no connector deployed" + (perLand ? " for Land " + land.name() : ""), perLand
                    ? TEXTS.format("arrearsCheck.no-connection-in-land", named, LocalizedText.german(land.germanName()))
                    : TEXTS.format("arrearsCheck.no-connection", named));
        }
        ArrearsAnswer answer;
        try {
            answer = connector.get().query(new ArrearsQuery(context.application(), context.authority(), land,
                    applicant.get().person(), applicant.get().organisation(), context.today()));
        } catch (ConnectorUnavailableException e) {
            return CheckResult.failed(label + " not answered: " + e.getMessage(), notAnswered());
        } catch (RuntimeException e) {
            return CheckResult.failed(label + " connector error: " + e.getClass().getSimpleName(), notAnswered());
        }
        if (answer instanceof ArrearsAnswer.Found found) {
            return CheckResult.opposed(new Finding(null, message(found, land)));
        }
        if (answer instanceof ArrearsAnswer.Clear) {
            return CheckResult.clear();
        }
        return CheckResult.failed(label + " connector gave no answer", notAnswered());
    }

    /** For the clerks: the query was not answered (not reachable, error or no answer). */
    private LocalizedText notAnswered() {
        return TEXTS.format("arrearsCheck.not-answered", named);
    }

    /** The check's name in the clerks' texts, by kind. */
    private static LocalizedText named(ArrearsKind kind) {
        if (ArrearsKind.KFZ_STEUER.equals(kind)) {
            return TEXTS.get("arrearsCheck.named.kfz-steuer");
        }
        return ArrearsKind.GEBUEHREN.equals(kind) ? TEXTS.get("arrearsCheck.named.gebuehren")
                : TEXTS.format("arrearsCheck.named.other", LocalizedText.german(kind.value()));
    }

    private LocalizedText message(ArrearsAnswer.Found found, Land land) {
        String german = lead.german().replace("{land}", land.germanName())
                .replace("{amount}", amount(found.amount(), Locale.GERMANY) + reference(found.reference(), "Kassenzeichen"))
                + " " + found.settlement().get(Locale.GERMAN);
        String english = lead.english().replace("{land}", land.germanName())
                .replace("{amount}", amount(found.amount(), Locale.UK) + reference(found.reference(), "reference"))
                + " " + found.settlement().get(Locale.ENGLISH);
        return LocalizedText.of(german.strip(), english.strip());
    }

    private static String amount(BigDecimal amount, Locale locale) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return locale == Locale.UK ? ", in all EUR " + format.format(amount) : ", zusammen " + format.format(amount) + " €";
    }

    private static String reference(String reference, String word) {
        return reference == null || reference.isBlank() ? "" : " (" + word + " " + reference.strip() + ")";
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
