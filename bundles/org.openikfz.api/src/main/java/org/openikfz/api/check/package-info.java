/** Verification steps (FZV Anlage 11) and their outcomes: clear, opposed, failed. */
@org.osgi.annotation.versioning.Version("2.0.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.check;
