/**
 * The {@code backup} module: PostgreSQL dumps and Docker volume archives, written atomically beside a
 * manifest and verified by checksum before anything trusts them.
 */
package dev.gwrun.stdlib.backup;
