package org.openikfz.core.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.FactKey;
import org.openikfz.api.procedure.Procedure;

/**
 * What the checks of a procedure declare they need and produce ({@link Check#needs()}, {@link Check#produces()},
 * {@link Procedure#needs()}), and what follows from it: the order the checks run in, and whether the procedure can
 * be offered at all.
 */
final class CheckContracts {

    private CheckContracts() {
    }

    /**
     * The checks in the order they run: as the procedure names them, except that a check runs after the checks
     * (named by the same procedure and deployed) that produce what it needs. A cycle keeps the named order.
     *
     * @param deployed the deployed check of an id, or {@code null}
     */
    static List<CheckId> order(List<CheckId> named, Function<CheckId, Check> deployed) {
        List<CheckId> remaining = new ArrayList<>(new LinkedHashSet<>(named));
        List<CheckId> placed = new ArrayList<>(remaining.size());
        while (!remaining.isEmpty()) {
            // the first named check whose producers have all run; in a cycle, the first named one
            CheckId next = remaining.stream().filter(id -> remaining.stream().noneMatch(other -> before(other, id, deployed)))
                    .findFirst().orElse(remaining.get(0));
            remaining.remove(next);
            placed.add(next);
        }
        return List.copyOf(placed);
    }

    /** Whether {@code producer} makes a fact {@code consumer} needs. */
    private static boolean before(CheckId producer, CheckId consumer, Function<CheckId, Check> deployed) {
        if (producer.equals(consumer)) {
            return false;
        }
        Check p = deployed.apply(producer);
        Check c = deployed.apply(consumer);
        return p != null && c != null && needs(c).stream().anyMatch(produces(p)::contains);
    }

    /**
     * Why a procedure cannot be offered: each fact it or one of its deployed checks needs that none of its deployed
     * checks produces, in words for the operators; empty when every need is met. A named check that is not deployed
     * produces nothing; the verification says it was not available.
     */
    static List<String> unmet(Procedure procedure, List<CheckId> named, Function<CheckId, Check> deployed) {
        Set<FactKey<?>> produced = new HashSet<>();
        for (CheckId id : named) {
            Check check = deployed.apply(id);
            if (check != null) {
                produced.addAll(produces(check));
            }
        }
        Set<String> unmet = new TreeSet<>();
        for (FactKey<?> need : safe(procedure::needs)) {
            if (!produced.contains(need)) {
                unmet.add("the procedure needs the fact " + need.name() + ", which none of its deployed checks produces");
            }
        }
        for (CheckId id : named) {
            Check check = deployed.apply(id);
            if (check != null) {
                for (FactKey<?> need : needs(check)) {
                    if (!produced.contains(need)) {
                        unmet.add("check " + id.value() + " needs the fact " + need.name() + ", which none of its deployed checks produces");
                    }
                }
            }
        }
        return new ArrayList<>(unmet);
    }

    private static Set<FactKey<?>> needs(Check check) {
        return safe(check::needs);
    }

    private static Set<FactKey<?>> produces(Check check) {
        return safe(check::produces);
    }

    /** A declaration; a plug-in that cannot give one declares nothing (its verification then shows what is missing). */
    static Set<FactKey<?>> safe(java.util.function.Supplier<Set<FactKey<?>>> declaration) {
        try {
            Set<FactKey<?>> declared = declaration.get();
            return declared == null ? Set.of() : declared;
        } catch (RuntimeException e) {
            return Set.of();
        }
    }
}
