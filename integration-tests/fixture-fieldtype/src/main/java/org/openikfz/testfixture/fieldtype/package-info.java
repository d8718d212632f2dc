/** A field type of a bundle of its own: a German postal code. */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.testfixture.fieldtype;
