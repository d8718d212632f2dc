package org.openikfz.core.internal;

/** The id under which this node claims outbox messages when several nodes share one database. */
final class NodeId {

    private NodeId() {
    }

    /**
     * The configured node id, or one made from the host name and the installation's folder
     * ({@code openikfz.home}): distinct for two nodes on one host, and the same after a restart, so a
     * node restarted after a crash sends what its previous process had claimed at once instead of
     * after the claim lapsed. Where two nodes could have the same host name and folder (containers
     * with a fixed host name), configure {@code node.id}.
     */
    static String of(String configured, String home) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = "node";
        }
        String folder = java.nio.file.Path.of(home == null ? "." : home).toAbsolutePath().normalize().toString();
        byte[] hash;
        try {
            hash = java.security.MessageDigest.getInstance("SHA-256").digest(folder.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String suffix = "-" + java.util.HexFormat.of().formatHex(hash, 0, 4);
        return (host.length() > 90 ? host.substring(0, 90) : host) + suffix;
    }
}
