#!/usr/bin/env bash
# Builds the release archive gwrun-<version>-linux-x64.tar.gz (run by `mvn package` in dist/):
#   gwrun-<version>/bin/gwrun                the launcher (the repository's bin/gwrun)
#   gwrun-<version>/lib/gwrun.jar            the shaded jar built by cli/
#   gwrun-<version>/lib/gwrun.jsa            its AppCDS archives (gwrun-run.jsa for the commands that run
#   gwrun-<version>/lib/gwrun-run.jsa        runbooks), made here by the launcher's training runs
#   gwrun-<version>/lib/cds-training.gwrun   what they train on (and the Compose file it loads)
#   gwrun-<version>/runtime/                 a jlink image of only the JDK modules gwrun uses
#   gwrun-<version>/share/man/man1/          a man page per command (troff, from OUT_DIR/adoc)
#   gwrun-<version>/share/bash-completion/completions/gwrun, share/zsh/site-functions/_gwrun
# and lays out OUT_DIR/deb-root, what the Debian package has outside /opt/gwrun (man pages, completion).
# OUT_DIR/adoc and OUT_DIR/completion/gwrun were generated from the picocli model (GenerateDocs).
# Usage: build-dist.sh VERSION JAVA_HOME CLI_JAR MODULES OUT_DIR
set -euo pipefail
version=$1 java_home=$2 cli_jar=$3 modules=$4 out=$5
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "dist: $*" >&2; }

jlink="$java_home/bin/jlink"
[ -x "$jlink" ] || { log "no jlink in $java_home (build with a JDK, not a JRE)"; exit 1; }
if [ ! -f "$java_home/jmods/java.base.jmod" ]; then
  log "$java_home has no jmods/, which jlink needs: on Debian, apt-get install openjdk-17-jmods"
  exit 1
fi
[ -f "$cli_jar" ] || { log "$cli_jar not found (cli/ builds it)"; exit 1; }
command -v asciidoctor >/dev/null || { log "asciidoctor makes the man pages: on Debian, apt-get install asciidoctor"; exit 1; }
ls "$out"/adoc/gwrun.adoc "$out/completion/gwrun" >/dev/null

name="gwrun-$version"
stage="$out/stage/$name"
rm -rf "$out/stage" && mkdir -p "$stage/bin" "$stage/lib"

start=$(date +%s)
# --generate-cds-archive gives the image the JDK's own default CDS archive (the base of gwrun's).
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$stage/runtime" >/dev/null

install -m 755 "$repo/bin/gwrun" "$stage/bin/gwrun"
install -m 644 "$repo/bin/cds-training.gwrun" "$stage/lib/cds-training.gwrun"
install -m 644 "$repo/bin/cds-training.compose.yml" "$stage/lib/cds-training.compose.yml"
# The archive checks the jar's size and modification time: set one the archive and the tar keep.
install -m 644 "$cli_jar" "$stage/lib/gwrun.jar"
touch -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" "$stage/lib/gwrun.jar"

# The launcher's own training runs make lib/gwrun.jsa and lib/gwrun-run.jsa, with this runtime and
# this class path; they fail when the runtime lacks a module the training run's classes need.
GWRUN_CDS=train "$stage/bin/gwrun" version >/dev/null
GWRUN_CDS=train "$stage/bin/gwrun" run --help >/dev/null
for jsa in gwrun.jsa gwrun-run.jsa; do
  [ -s "$stage/lib/$jsa" ] || { log "no CDS archive lib/$jsa was made"; exit 1; }
  chmod 644 "$stage/lib/$jsa"
done
got=$("$stage/bin/gwrun" version)
case $got in "gwrun $version "*) ;; *) log "the packaged gwrun says '$got', not gwrun $version"; exit 1 ;; esac

# Man pages: picocli-codegen's AsciiDoc, turned into troff by asciidoctor.
mkdir -p "$stage/share/man/man1"
asciidoctor --failure-level WARN -b manpage -a reproducible -D "$stage/share/man/man1" "$out"/adoc/*.adoc
[ -s "$stage/share/man/man1/gwrun.1" ] || { log "asciidoctor made no gwrun.1"; exit 1; }
# Completion: picocli's bash script; zsh runs the same script through bashcompinit.
install -D -m 644 "$out/completion/gwrun" "$stage/share/bash-completion/completions/gwrun"
install -D -m 644 "$repo/dist/src/zsh/_gwrun" "$stage/share/zsh/site-functions/_gwrun"

# The Debian package's files outside /opt/gwrun (jdeb adds /usr/bin/gwrun): man pages gzipped, as
# Debian's man finds them, and the completion where bash-completion and Debian's zsh look.
deb="$out/deb-root"
rm -rf "$deb" && mkdir -p "$deb/usr/share/man/man1"
for page in "$stage"/share/man/man1/*.1; do gzip -9n < "$page" > "$deb/usr/share/man/man1/$(basename "$page").gz"; done
install -D -m 644 "$stage/share/bash-completion/completions/gwrun" "$deb/usr/share/bash-completion/completions/gwrun"
install -D -m 644 "$stage/share/zsh/site-functions/_gwrun" "$deb/usr/share/zsh/vendor-completions/_gwrun"

tarball="$out/$name-linux-x64.tar.gz"
tar -C "$out/stage" -cf - "$name" | gzip -6 > "$tarball.tmp" && mv -f "$tarball.tmp" "$tarball"
log "$(basename "$tarball"): $(du -h "$tarball" | cut -f1), runtime $(du -sh "$stage/runtime" | cut -f1), in $(( $(date +%s) - start )) s"
