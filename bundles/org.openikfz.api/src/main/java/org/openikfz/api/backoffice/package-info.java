/**
 * The back office of the Zulassungsbehörde: staff accounts and sessions, the clerks' queue of the
 * cases the machine could not decide (FZV § 19(1) S. 4), their decisions and letters, and the
 * postal outbox. Every call names the staff session it acts for; the service checks role and
 * authority, so a view cannot show more than its user may see.
 */
@org.osgi.annotation.versioning.Version("1.6.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.backoffice;
