package org.openikfz.api.connector;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The holder (Halter) of a vehicle as the register or an identity provider knows them.
 *
 * @param name        full name, or the company name of a legal person
 * @param street      street and number
 * @param postalCode  Postleitzahl
 * @param city        Ort
 * @param dateOfBirth date of birth of a natural person, or {@code null}
 */
public record Holder(String name, String street, String postalCode, String city, LocalDate dateOfBirth) {
    public Holder {
        Objects.requireNonNull(name, "name");
    }

    /** Personal data: only the kind is shown in logs. */
    @Override
    public String toString() {
        return "Holder[***]";
    }
}
