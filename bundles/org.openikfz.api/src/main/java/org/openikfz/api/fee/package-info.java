/** Fees as data: dated GebOSt items and the rules that say which a procedure charges. */
@org.osgi.annotation.versioning.Version("1.1.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.fee;
