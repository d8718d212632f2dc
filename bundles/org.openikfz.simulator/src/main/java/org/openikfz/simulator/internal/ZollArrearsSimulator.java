package org.openikfz.simulator.internal;

import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.text.LocalizedText;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The simulated Zoll answering the vehicle-tax arrears check (kind {@code kfz-steuer}, federal) from
 * its arrears list ({@code /zoll/admin/arrears}); its mode ({@code /zoll/admin/mode}) applies.
 */
@Component(property = ArrearsConnector.KIND + "=kfz-steuer")
public final class ZollArrearsSimulator implements ArrearsConnector {

    private final ZollSimulator zoll;

    @Activate
    public ZollArrearsSimulator(@Reference ZollSimulator zoll) {
        this.zoll = zoll;
    }

    @Override
    public ArrearsAnswer query(ArrearsQuery query) throws ConnectorUnavailableException {
        if (!zoll.inArrears(query.holder())) {
            return ArrearsAnswer.clear();
        }
        return ArrearsAnswer.found(LocalizedText.of(
                "Bitte begleichen Sie die Rückstände beim zuständigen Hauptzollamt und stellen Sie den Antrag danach erneut.",
                "Please settle them with the responsible main customs office, then apply again."), null, null);
    }

    @Override
    public ConnectorHealth health() {
        boolean down = "unavailable".equals(zoll.mode().get());
        return new ConnectorHealth("Kfz-Steuerrückstand (Simulator der Zollverwaltung)", "in-process simulator",
                down ? ConnectorHealth.State.DOWN : ConnectorHealth.State.UP, "-", null, null,
                down ? "simulator set to unavailable" : null, 0, 0);
    }
}
