package org.openikfz.check.zoll.internal;

import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.ZollConnector;
import org.openikfz.api.value.Iban;

/** A Zoll that answers as told, or throws what it is told, and remembers what it was asked. */
final class FakeZoll implements ZollConnector {

    Mandate mandate = ZollConnector.accepted("KFZ-ERZ-0001");
    Exception failure;
    Iban askedIban;
    String askedAccountHolder;
    Holder askedHolder;

    @Override
    public Mandate verifyMandate(Iban iban, String accountHolder, Holder holder) throws ConnectorUnavailableException {
        askedIban = iban;
        askedAccountHolder = accountHolder;
        askedHolder = holder;
        fail();
        return mandate;
    }

    @Override
    @Deprecated
    public boolean hasTaxArrears(Holder holder) {
        throw new UnsupportedOperationException("the SEPA mandate check does not ask for arrears");
    }

    private void fail() throws ConnectorUnavailableException {
        if (failure instanceof ConnectorUnavailableException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
    }
}
