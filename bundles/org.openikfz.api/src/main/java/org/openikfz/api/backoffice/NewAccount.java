package org.openikfz.api.backoffice;

/**
 * An account just created: the initial password and the TOTP secret are shown once, to be handed
 * to the member of staff, and are not retrievable afterwards.
 *
 * @param totpSecret Base32, for authenticator apps; {@code otpauthUri} is the same as a link (QR code)
 */
public record NewAccount(StaffMember member, String initialPassword, String totpSecret, String otpauthUri) {

    @Override
    public String toString() {
        return "NewAccount[" + member + "]";
    }
}
