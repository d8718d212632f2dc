package org.openikfz.api.backoffice;

/**
 * Where a clerk's written decision goes by post: the holder or applicant as the register or the eID
 * knows them, or as the clerk entered them. Personal data: {@link #toString()} shows none.
 *
 * @param name       full name, or a company's name
 * @param street     street and number
 * @param postalCode Postleitzahl (five digits)
 * @param city       Ort
 */
public record PostalAddress(String name, String street, String postalCode, String city) {

    @Override
    public String toString() {
        return "PostalAddress[***]";
    }
}
