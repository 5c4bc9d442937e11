package dev.gwrun.stdlib.compose.model;

/**
 * One service volume in the long syntax. {@code source} is an absolute host path for a bind, the
 * top-level volume key for a named volume, null for an anonymous volume or tmpfs.
 *
 * @param type           volume, bind, tmpfs, npipe or cluster
 * @param createHostPath for a bind: create the host path if missing (the short syntax's behaviour)
 * @param propagation    bind propagation, or null
 * @param noCopy         volume.nocopy
 * @param tmpfsSize      tmpfs.size in bytes, or null
 * @param subpath        volume.subpath, or null
 */
public record Mount(String type, String source, String target, boolean readOnly, boolean createHostPath,
                    String propagation, boolean noCopy, Long tmpfsSize, String consistency, String subpath) {
}
