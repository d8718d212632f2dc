/**
 * Arrears checks as plug-ins (FZV Anlage 11 Nr. 6 and 8 [2019: Anlage 8b Nr. 9 and 11]): whether the
 * holder owes vehicle tax (the Zoll, federal) or registration fees of earlier Zulassungsvorgänge (the
 * Land, where Land law provides the check, § 6a(8) StVG), and future kinds.
 *
 * <p>A connector is an {@link org.openikfz.api.arrears.ArrearsConnector} service with the properties
 * {@value org.openikfz.api.arrears.ArrearsConnector#KIND} and, for a Land's check,
 * {@value org.openikfz.api.arrears.ArrearsConnector#LAND}. The platform's arrears checks pick the one
 * for the authority's Land; with none present the check fails and the clerks decide.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
@org.osgi.annotation.bundle.Export
package org.openikfz.api.arrears;
