package dev.gwrun.stdlib.backup;

import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;

import java.util.List;
import java.util.Map;

/**
 * The {@code backup} module: PostgreSQL dumps and Docker volume archives, each written atomically beside a
 * JSON manifest (size, sha256, source, versions), verified by checksum before anything trusts them.
 */
public final class BackupModule implements HostModule {

    /** What backup.postgres and backup.volume return. */
    public static final Type BACKUP_TYPE = Type.object("backup", Map.of(
            "path", Type.STRING, "size", Type.INT, "sha256", Type.STRING, "created", Type.TIME, "source", Type.STRING, "manifest", Type.STRING));
    public static final Type VERIFY_TYPE = Type.object("backup verification", Map.of(
            "path", Type.STRING, "sha256", Type.STRING, "entries", Type.INT, "source", Type.STRING));
    public static final Type RESTORE_TYPE = Type.object("restore result", Map.of(
            "path", Type.STRING, "target", Type.STRING, "elapsed", Type.DURATION));

    private static final ParamSpec PATH = ParamSpec.required("path", Type.STRING, "the backup file, relative to the runbook's directory");
    private static final ParamSpec PG_RESTORE = ParamSpec.optional("pg_restore", Type.STRING, "the pg_restore program (default: the one on PATH)");

    @Override public String name() { return "backup"; }

    @Override public String doc() { return "PostgreSQL and Docker volume backups with checksummed manifests: take, verify, restore, prune."; }

    @Override
    public List<HostFunction> functions() {
        PgBackups pg = new PgBackups();
        VolumeBackups volumes = new VolumeBackups();
        return List.of(
                HostFunction.of(new Signature("backup.postgres", List.of(
                        ParamSpec.required("url", Type.STRING, "the database: postgresql://user:pass@host:5432/db or jdbc:postgresql://…"),
                        ParamSpec.required("dir", Type.STRING, "where the backup goes, relative to the runbook's directory (created if missing)"),
                        ParamSpec.optional("format", Type.STRING, "\"custom\" (default, .dump), \"tar\" or \"plain\" (.sql)"),
                        ParamSpec.optional("pg_dump", Type.STRING, "the pg_dump program (default: the one on PATH)")),
                        BACKUP_TYPE, Effect.CHANGE,
                        "Dumps a database with pg_dump into <db>-<UTC time>.dump, atomically, with a manifest beside it;"
                                + " returns path, size, sha256, created. The password reaches pg_dump through PGPASSWORD only."),
                        pg::postgres),
                HostFunction.of(new Signature("backup.verify", List.of(PATH,
                        PG_RESTORE),
                        VERIFY_TYPE, Effect.READ,
                        "Checks a backup against its manifest's sha256 and that pg_restore --list (or the tar reader) can read it; fails if not."),
                        pg::verify),
                HostFunction.of(new Signature("backup.restore", List.of(PATH,
                        ParamSpec.required("url", Type.STRING, "the database to restore into"),
                        ParamSpec.optional("clean", Type.BOOL, "drop the backup's objects before recreating them (default false)"),
                        PG_RESTORE,
                        ParamSpec.optional("psql", Type.STRING, "the psql program, for plain backups (default: the one on PATH)")),
                        RESTORE_TYPE, Effect.CHANGE,
                        "Restores a database backup in one transaction, after checking its sha256; refuses a corrupt backup."),
                        pg::restore),
                HostFunction.of(new Signature("backup.prune", List.of(
                        ParamSpec.required("dir", Type.STRING, "the backup directory"),
                        ParamSpec.optional("keep", Type.INT, "how many of the newest backups of each database or volume to keep"),
                        ParamSpec.optional("older_than", Type.DURATION, "delete only backups older than this")),
                        Type.LIST, Effect.CHANGE,
                        "Applies retention to the backups in a directory (only gwrun's backup names); returns the paths it deleted."),
                        new Prune()::prune),
                HostFunction.of(new Signature("backup.volume", List.of(
                        ParamSpec.required("name", Type.STRING, "the Docker volume"),
                        ParamSpec.required("dir", Type.STRING, "where the archive goes, relative to the runbook's directory (created if missing)")),
                        BACKUP_TYPE, Effect.CHANGE,
                        "Archives a Docker volume to <volume>-<UTC time>.tar.gz through the Engine API (no helper image from a registry),"
                                + " atomically, with a manifest beside it."),
                        volumes::volume),
                HostFunction.of(new Signature("backup.restore_volume", List.of(PATH,
                        ParamSpec.required("name", Type.STRING, "the Docker volume to restore into (created if missing)"),
                        ParamSpec.optional("overwrite", Type.BOOL, "extract over a volume that is not empty (default false: refuse)")),
                        RESTORE_TYPE, Effect.CHANGE,
                        "Restores a volume archive after checking its sha256."),
                        volumes::restore));
    }
}
