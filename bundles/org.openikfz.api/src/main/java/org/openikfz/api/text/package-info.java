/** Texts in several languages, German first. */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.text;
