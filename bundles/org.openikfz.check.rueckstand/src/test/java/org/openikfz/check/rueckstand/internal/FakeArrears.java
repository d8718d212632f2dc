package org.openikfz.check.rueckstand.internal;

import java.util.HashMap;
import java.util.Map;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.osgi.framework.Constants;

/** A connector that answers as told, or throws what it is told, and remembers what it was asked. */
final class FakeArrears implements ArrearsConnector {

    ArrearsAnswer answer = ArrearsAnswer.clear();
    Exception failure;
    ArrearsQuery asked;

    @Override
    public ArrearsAnswer query(ArrearsQuery query) throws ConnectorUnavailableException {
        asked = query;
        if (failure instanceof ConnectorUnavailableException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return answer;
    }

    @Override
    public ConnectorHealth health() {
        return new ConnectorHealth("fake", "-", ConnectorHealth.State.UP, "CLOSED", null, null, null, 0, 0);
    }

    /** Service properties as the framework would give them. */
    static Map<String, Object> properties(String kind, String land, int ranking, long id) {
        Map<String, Object> p = new HashMap<>();
        p.put(ArrearsConnector.KIND, kind);
        if (land != null) {
            p.put(ArrearsConnector.LAND, land);
        }
        p.put(Constants.SERVICE_RANKING, ranking);
        p.put(Constants.SERVICE_ID, id);
        return p;
    }
}
