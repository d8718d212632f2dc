package org.openikfz.core.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.fee.FeeItem;
import org.openikfz.api.fee.FeeRule;
import org.openikfz.api.fee.FeeSchedule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The engine's fee table for the dialog: the same bundled GebOSt table with the same overrides from
 * {@code etc/} (the engine's configuration) that the verification charges from, and the engine's clock.
 */
@Component(service = FeeSchedule.class, configurationPid = EngineConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class FeeScheduleService implements FeeSchedule {

    private final FeeTable table;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Clock clock;

    @Activate
    public FeeScheduleService(EngineConfig config) {
        this(FeeTable.bundled().withOverrides(config.fees_file()), null);
    }

    FeeScheduleService(FeeTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public List<FeeItem> quote(List<FeeRule> rules, Answers answers) {
        LocalDate today = LocalDate.now(clock.withZone(Core.ZONE));
        return rules.stream().filter(r -> r.applies(answers)).map(r -> table.find(r.item(), today))
                .flatMap(Optional::stream).toList();
    }
}
