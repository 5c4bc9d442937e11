package dev.gwrun.state;

import dev.gwrun.runtime.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run record says about the run before any event: which runbook (its absolute path and the
 * sha256 of its bytes, so resume can tell when it changed), the params as given with -p (masked),
 * the env files (re-read on resume: secrets are never stored), who ran it where, and the run it
 * resumes (null for a fresh run).
 */
public record RunHeader(String id, String runbook, String sha256, Map<String, String> params, List<String> envFiles,
                        List<String> locks, String host, String user, long pid, String version, Instant started,
                        String resumedFrom) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("runbook", runbook);
        m.put("sha256", sha256);
        m.put("params", new LinkedHashMap<>(params));
        m.put("env_files", new ArrayList<>(envFiles));
        m.put("locks", new ArrayList<>(locks));
        m.put("host", host);
        m.put("user", user);
        m.put("pid", pid);
        m.put("gwrun_version", version);
        m.put("started", started.toString());
        m.put("resumed_from", resumedFrom);
        return m;
    }

    public String toJsonText() { return Json.write(toJson()); }

    @SuppressWarnings("unchecked")
    public static RunHeader fromJson(Object json) {
        if (!(json instanceof Map<?, ?> raw)) throw new IllegalArgumentException("a run header must be a JSON object");
        Map<String, Object> m = (Map<String, Object>) raw;
        Map<String, String> params = new LinkedHashMap<>();
        if (m.get("params") instanceof Map<?, ?> p) p.forEach((k, v) -> params.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return new RunHeader(str(m, "id"), str(m, "runbook"), str(m, "sha256"), params, strings(m.get("env_files")),
                strings(m.get("locks")), str(m, "host"), str(m, "user"), m.get("pid") instanceof Long n ? n : 0,
                str(m, "gwrun_version"), Instant.parse(str(m, "started")), str(m, "resumed_from"));
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : String.valueOf(v);
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }
}
