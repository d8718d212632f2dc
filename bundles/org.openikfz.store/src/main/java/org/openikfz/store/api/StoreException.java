package org.openikfz.store.api;

/** A failure of the store: the database could not do what was asked. Never carries passwords. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
