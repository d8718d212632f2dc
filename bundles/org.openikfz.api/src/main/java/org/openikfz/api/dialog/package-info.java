/**
 * The applicant's dialog as data: steps, fields, conditions and notices. Procedure bundles describe
 * their dialog with these types; the UI renders any procedure from them, so a new procedure needs
 * no UI code.
 */
@org.osgi.annotation.versioning.Version("2.1.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.dialog;
