#!/usr/bin/env bash
# The "run" step of the gwrun composite action (action.yml at the repository root): runs a runbook with
# the event stream, JUnit XML and Markdown/HTML reports written into the reports directory, and sets the
# action's outputs. Its own exit code is gwrun's, so the workflow step fails when the runbook does.
# Inputs come from the environment (never interpolated into the script, so a param cannot inject shell):
#   GWRUN            the gwrun launcher (bin/gwrun of the release archive the action installed)
#   INPUT_RUNBOOK    the .gwrun file
#   INPUT_PARAMS     params, one name=value per line (blank lines and lines starting with # are ignored)
#   INPUT_ENV_FILE   an optional KEY=VALUE file for env() and secret()
#   INPUT_REPORTS    the directory for events.jsonl, junit.xml, report.md and report.html
#   INPUT_YES        "true" answers yes to every confirm (there is no terminal in CI)
#   GITHUB_OUTPUT    where the outputs go (set by the runner)
set -uo pipefail

reports=${INPUT_REPORTS:-gwrun-reports}
mkdir -p "$reports"
args=(run "${INPUT_RUNBOOK:?the runbook input is required}")
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  trimmed=${line#"${line%%[![:space:]]*}"}
  [ -z "$trimmed" ] && continue
  [ "${trimmed:0:1}" = "#" ] && continue
  args+=(-p "$trimmed")
done <<< "${INPUT_PARAMS:-}"
[ -n "${INPUT_ENV_FILE:-}" ] && args+=(--env-file "$INPUT_ENV_FILE")
[ "${INPUT_YES:-false}" = "true" ] && args+=(--yes)
args+=(--events "$reports/events.jsonl" --junit "$reports/junit.xml" --report "$reports/report.md" --report "$reports/report.html")

code=0
"${GWRUN:?}" "${args[@]}" || code=$?

case $code in
  0) outcome=succeeded ;;
  1) outcome=failed ;;
  2) outcome=usage-error ;;
  3) outcome=invalid ;;
  4) outcome=refused ;;
  5) outcome=handler-failed ;;
  130) outcome=interrupted ;;
  *) outcome=error ;;
esac
{
  echo "outcome=$outcome"
  echo "exit-code=$code"
  echo "reports=$reports"
  echo "report=$reports/report.md"
  echo "html-report=$reports/report.html"
  echo "junit=$reports/junit.xml"
  echo "events=$reports/events.jsonl"
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$code"
