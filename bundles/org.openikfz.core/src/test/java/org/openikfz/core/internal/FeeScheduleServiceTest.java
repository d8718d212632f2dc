package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.fee.FeeItem;
import org.openikfz.api.fee.FeeRule;

class FeeScheduleServiceTest {

    private static FeeTable table() throws Exception {
        String tsv = "221.1\t2026-01-01\t\t27.90\tZulassung\tRegistration\n"
                + "221.2\t2026-01-01\t2026-12-31\t10.20\tWunschkennzeichen\tChosen plate\n"
                + "221.2\t2027-01-01\t\t12.80\tWunschkennzeichen\tChosen plate\n";
        return FeeTable.parse(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void the_dialog_is_quoted_the_fees_its_answers_incur_on_the_day_in_berlin() throws Exception {
        List<FeeRule> rules = List.of(FeeRule.always("221.1"), new FeeRule("221.2", Condition.when("wahl", "wunsch")),
                FeeRule.always("999.9"));
        // 31 Dec 2026, 23:30 UTC is already 1 Jan 2027 in Berlin: the new amount applies
        FeeScheduleService fees = new FeeScheduleService(table(), Clock.fixed(Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC));
        assertEquals(List.of(new BigDecimal("27.90")), amounts(fees.quote(rules, new Answers(Map.of("wahl", "zuteilen")))));
        assertEquals(List.of(new BigDecimal("27.90"), new BigDecimal("12.80")),
                amounts(fees.quote(rules, new Answers(Map.of("wahl", "wunsch")))), "an item the table lacks is left out");
    }

    private static List<BigDecimal> amounts(List<FeeItem> items) {
        return items.stream().map(FeeItem::amount).toList();
    }
}
