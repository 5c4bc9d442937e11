package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Span;
import dev.gwrun.source.Suggest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage four, for one service of one file: checks its keys and types and rewrites every short form to
 * the long form Compose v2 prints (compose-go's {@code transform.Canonical}), before the files are
 * merged, so that merging compares like with like. Relative paths are made absolute here, against the
 * directory of the file's project (or of an extended file), which is what compose-go's path resolution does.
 * Keys are checked one by one and every error of the service is collected.
 */
final class ServiceNormalizer {
    static final Set<String> KEYS = new LinkedHashSet<>(List.of(
            "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command",
            "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period",
            "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop",
            "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "env_file",
            "environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
            "hostname", "image", "init", "ipc", "isolation", "label_file", "labels", "links", "logging", "mac_address",
            "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "network_mode", "networks",
            "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop",
            "privileged", "profiles", "provider", "pull_policy", "read_only", "restart", "runtime", "scale", "secrets",
            "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls",
            "tmpfs", "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from",
            "working_dir"));
    static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile", "dockerfile_inline", "args", "ssh", "cache_from",
            "cache_to", "additional_contexts", "entitlements", "extra_hosts", "isolation", "privileged", "labels", "no_cache",
            "pull", "network", "shm_size", "target", "secrets", "tags", "ulimits", "platforms", "provenance", "sbom");
    static final Set<String> DEPLOY_KEYS = Set.of("mode", "replicas", "labels", "update_config", "rollback_config",
            "restart_policy", "placement", "resources", "endpoint_mode");
    static final Set<String> HEALTH_KEYS = Set.of("test", "interval", "timeout", "retries", "start_period", "start_interval", "disable");
    static final Set<String> DEPENDS_KEYS = Set.of("condition", "required", "restart");
    static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");
    static final Set<String> NETWORK_KEYS = Set.of("aliases", "ipv4_address", "ipv6_address", "link_local_ips", "mac_address",
            "priority", "gw_priority", "driver_opts", "interface_name");
    static final Set<String> LOGGING_KEYS = Set.of("driver", "options");
    static final Set<String> FILE_REF_KEYS = Set.of("source", "target", "uid", "gid", "mode");
    static final Set<String> ENV_FILE_KEYS = Set.of("path", "required", "format");
    private static final Set<String> STRING_OR_LIST = Set.of("dns", "dns_search", "dns_opt", "tmpfs", "label_file");
    private static final Set<String> STRING_LISTS = Set.of("cap_add", "cap_drop", "profiles", "security_opt", "group_add",
            "links", "external_links", "volumes_from", "device_cgroup_rules", "dns", "dns_search", "dns_opt", "tmpfs", "label_file");
    private static final Set<String> KEY_VALUE_MAPS = Set.of("environment", "labels", "annotations", "sysctls", "storage_opt");
    private static final Set<String> BOOLEANS = Set.of("tty", "stdin_open", "privileged", "read_only", "init", "oom_kill_disable", "attach", "use_api_socket");
    private static final Set<String> SIZES = Set.of("mem_limit", "mem_reservation", "memswap_limit", "shm_size");

    private final Path base;
    private final Path home;
    private final List<Diagnostic> errors;

    /**
     * @param base   the directory relative paths of this service resolve against
     * @param errors where the errors are added
     */
    ServiceNormalizer(Path base, Path home, List<Diagnostic> errors) {
        this.base = base;
        this.home = home;
        this.errors = errors;
    }

    YNode.YMap normalize(String name, YNode node) {
        if (Y.isNull(node)) return Y.emptyMap(node.span());
        if (!(node instanceof YNode.YMap svc)) {
            errors.add(Diagnostic.error(node.span(), "service '" + name + "' must be a mapping, not " + Y.kind(node)));
            return Y.emptyMap(node.span());
        }
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : svc.entries().values()) {
            String key = e.key();
            if (!KEYS.contains(key) && !key.startsWith("x-")) {
                errors.add(Diagnostic.error(e.keySpan(), "service '" + name + "': unknown key '" + key + "'" + Suggest.didYouMean(key, KEYS)));
                continue;
            }
            YNode v = e.value();
            try {
                YNode n = v.tag() != null && "!reset".equals(v.tag()) ? v : Y.withTag(value(key, v), v.tag());
                out.put(key, new YNode.Entry(key, e.keySpan(), n));
            } catch (ComposeException ex) {
                errors.addAll(ex.diagnostics());
            }
        }
        return new YNode.YMap(svc.span(), svc.tag(), out);
    }

    private YNode value(String key, YNode v) {
        if (key.equals("deploy") && !Y.isNull(v)) {
            YNode.YMap d = Y.mapping(v, "deploy");
            Volumes.checkKeys(d, DEPLOY_KEYS, "deploy");
            return deploy(d, List.of("deploy"));
        }
        if (key.startsWith("x-") || key.equals("extends") || key.equals("deploy") || key.equals("develop")) return v;
        if (Y.isNull(v)) return v;
        if (STRING_LISTS.contains(key)) return stringList(key, v, STRING_OR_LIST.contains(key));
        if (KEY_VALUE_MAPS.contains(key)) return keyValues(key, v, key.equals("environment"));
        if (BOOLEANS.contains(key)) return Y.bool(v.span(), Y.bool(v, key));
        if (SIZES.contains(key)) return Y.str(v.span(), Long.toString(Units.bytes(v)));
        switch (key) {
            case "build": return build(v);
            case "command": case "entrypoint": return command(key, v);
            case "depends_on": return dependsOn(v);
            case "env_file": return envFiles(v);
            case "expose": return expose(v);
            case "extra_hosts": return extraHosts(v);
            case "healthcheck": return healthcheck(v);
            case "logging": return logging(v);
            case "networks": return networks(v);
            case "ports": return ports(v);
            case "volumes": return volumes(v);
            case "secrets": return fileRefs(v, "secret");
            case "configs": return fileRefs(v, "config");
            case "stop_grace_period": return duration(v, key);
            case "scale": return Y.num(v.span(), Y.integer(v, key));
            case "cpus": return Y.dbl(v.span(), cpus(v, key));
            case "ulimits": return v;
            case "devices": return stringOrMapList(key, v);
            default:
                if (v instanceof YNode.YScalar) return v;
                // keys without a short form and with structured values pass through as written
                if (Set.of("blkio_config", "credential_spec", "gpus", "post_start", "pre_stop", "provider", "ulimits").contains(key)) return v;
                throw new ComposeException(v.span(), key + " must be a string, not " + Y.kind(v));
        }
    }

    /** A value tagged !reset is left for the merge stage, whatever its type. */
    static boolean isReset(YNode n) { return "!reset".equals(n.tag()); }

    static YNode.YSeq stringList(String key, YNode v, boolean stringAllowed) {
        if (stringAllowed && v instanceof YNode.YScalar s) return Y.strings(v.span(), List.of(Y.string(s, key)));
        YNode.YSeq seq = Y.list(v, key);
        List<YNode> out = new ArrayList<>();
        for (YNode item : seq.items()) {
            if (!(item instanceof YNode.YScalar) || Y.isNull(item)) throw new ComposeException(item.span(), key + " entries must be strings, not " + Y.kind(item));
            out.add(Y.str(item.span(), Y.string(item, key)));
        }
        return Y.seq(seq.span(), out);
    }

    private static YNode stringOrMapList(String key, YNode v) {
        YNode.YSeq seq = Y.list(v, key);
        for (YNode item : seq.items()) {
            if (!(item instanceof YNode.YMap) && !(item instanceof YNode.YScalar)) throw new ComposeException(item.span(), key + " entries must be strings or mappings");
        }
        return seq;
    }

    /**
     * {@code KEY=VAL} list or mapping to a mapping of strings. A key written without a value is null for
     * {@code environment} (it takes its value from the environment later) and "" otherwise.
     */
    static YNode.YMap keyValues(String key, YNode v, boolean nullable) {
        Map<String, YNode> out = new LinkedHashMap<>();
        if (v instanceof YNode.YSeq seq) {
            for (YNode item : seq.items()) {
                if (!(item instanceof YNode.YScalar s) || s.isNull()) throw new ComposeException(item.span(), key + " entries must be strings like KEY=value, not " + Y.kind(item));
                String text = s.asString();
                int eq = text.indexOf('=');
                if (eq == 0) throw new ComposeException(item.span(), key + " entry '" + text + "' has no name before =");
                if (eq < 0) out.put(text, nullable ? Y.nul(item.span()) : Y.str(item.span(), ""));
                else out.put(text.substring(0, eq), Y.str(item.span(), text.substring(eq + 1)));
            }
            return Y.map(seq.span(), out);
        }
        YNode.YMap m = Y.mapping(v, key);
        for (YNode.Entry e : m.entries().values()) {
            YNode val = e.value();
            if (!(val instanceof YNode.YScalar s)) throw new ComposeException(val.span(), key + "." + e.key() + " must be a string, number or boolean, not " + Y.kind(val));
            if (s.isNull()) out.put(e.key(), nullable ? Y.nul(val.span()) : Y.str(val.span(), ""));
            else out.put(e.key(), Y.str(val.span(), s.asString()));
        }
        return Y.map(m.span(), out);
    }

    private YNode build(YNode v) {
        if (v instanceof YNode.YScalar s) {
            Map<String, YNode> m = new LinkedHashMap<>();
            m.put("context", Y.str(v.span(), context(Y.string(s, "build"))));
            return Y.map(v.span(), m);
        }
        YNode.YMap b = Y.mapping(v, "build");
        Volumes.checkKeys(b, BUILD_KEYS, "build");
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : b.entries().values()) {
            YNode val = e.value();
            if (isReset(val)) { out.put(e.key(), e); continue; }
            YNode n;
            switch (e.key()) {
                case "context": n = Y.str(val.span(), context(Y.string(val, "build.context"))); break;
                case "args": case "labels": case "additional_contexts": n = keyValues("build." + e.key(), val, e.key().equals("args")); break;
                case "cache_from": case "cache_to": case "tags": case "platforms": case "entitlements": n = stringList("build." + e.key(), val, false); break;
                case "extra_hosts": n = extraHosts(val); break;
                case "shm_size": n = Y.str(val.span(), Long.toString(Units.bytes(val))); break;
                case "secrets": n = fileRefs(val, "build secret"); break;
                case "no_cache": case "pull": case "privileged": n = Y.bool(val.span(), Y.bool(val, "build." + e.key())); break;
                default: n = val;
            }
            out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), Y.withTag(n, val.tag())));
        }
        return new YNode.YMap(b.span(), b.tag(), out);
    }

    /**
     * The defaults of a build section, set once the files are merged (so that an override file's build
     * without a context does not reset the base file's): context the project directory, dockerfile Dockerfile.
     */
    static YNode.YMap buildDefaults(YNode.YMap svc, Path projectDir) {
        if (!(svc.get("build") instanceof YNode.YMap b)) return svc;
        YNode.YMap out = b;
        if (!out.has("context")) out = Y.with(out, "context", Y.str(b.span(), projectDir.toString()));
        if (!out.has("dockerfile") && !out.has("dockerfile_inline")) out = Y.with(out, "dockerfile", Y.str(b.span(), "Dockerfile"));
        return out == b ? svc : Y.with(svc, "build", out);
    }

    private String context(String c) {
        if (c.contains("://") || c.startsWith("git@") || c.startsWith("github.com/")) return c;
        return Volumes.absolute(c, base, home);
    }

    private static YNode command(String key, YNode v) {
        if (v instanceof YNode.YScalar s) {
            String[] err = new String[1];
            List<String> words = ShellWords.split(Y.string(s, key), err);
            if (words == null) throw new ComposeException(v.span(), key + ": " + err[0]);
            return Y.strings(v.span(), words);
        }
        return stringList(key, v, false);
    }

    private static YNode dependsOn(YNode v) {
        Map<String, YNode> out = new LinkedHashMap<>();
        if (v instanceof YNode.YSeq seq) {
            for (YNode item : seq.items()) {
                String name = Y.string(item, "a depends_on entry");
                out.put(name, dependency(item.span(), "service_started", true, false));
            }
            return Y.map(seq.span(), out);
        }
        YNode.YMap m = Y.mapping(v, "depends_on");
        for (YNode.Entry e : m.entries().values()) {
            YNode d = e.value();
            if (Y.isNull(d)) { out.put(e.key(), dependency(e.keySpan(), "service_started", true, false)); continue; }
            YNode.YMap dm = Y.mapping(d, "depends_on." + e.key());
            Volumes.checkKeys(dm, DEPENDS_KEYS, "depends_on");
            String cond = dm.has("condition") ? Y.string(dm.get("condition"), "condition") : "service_started";
            if (!CONDITIONS.contains(cond)) throw new ComposeException(dm.get("condition").span(), "unknown condition '" + cond + "'" + Suggest.didYouMean(cond, CONDITIONS));
            boolean required = !dm.has("required") || Boolean.TRUE.equals(Y.bool(dm.get("required"), "required"));
            boolean restart = dm.has("restart") && Boolean.TRUE.equals(Y.bool(dm.get("restart"), "restart"));
            out.put(e.key(), dependency(e.keySpan(), cond, required, restart));
        }
        return Y.map(m.span(), out);
    }

    private static YNode.YMap dependency(Span span, String condition, boolean required, boolean restart) {
        Map<String, YNode> m = new LinkedHashMap<>();
        m.put("condition", Y.str(span, condition));
        if (restart) m.put("restart", Y.bool(span, true));
        m.put("required", Y.bool(span, required));
        return Y.map(span, m);
    }

    private YNode envFiles(YNode v) {
        List<YNode> items = v instanceof YNode.YScalar ? List.of(v) : Y.list(v, "env_file").items();
        List<YNode> out = new ArrayList<>();
        for (YNode item : items) {
            Map<String, YNode> m = new LinkedHashMap<>();
            if (item instanceof YNode.YMap im) {
                Volumes.checkKeys(im, ENV_FILE_KEYS, "env_file");
                if (!im.has("path")) throw new ComposeException(im.span(), "an env_file entry needs a path");
                m.put("path", Y.str(im.get("path").span(), Volumes.absolute(Y.string(im.get("path"), "path"), base, home)));
                m.put("required", Y.bool(im.span(), !im.has("required") || Boolean.TRUE.equals(Y.bool(im.get("required"), "required"))));
                if (im.has("format")) {
                    // compose-go knows "raw" (values taken as written); the one dotenv parser does not read that way yet
                    String format = Y.string(im.get("format"), "format");
                    if (!format.isEmpty()) throw new ComposeException(im.get("format").span(), "env_file format '" + format + "' is not supported yet; leave it out to read the file as a .env file");
                }
            } else {
                m.put("path", Y.str(item.span(), Volumes.absolute(Y.string(item, "env_file"), base, home)));
                m.put("required", Y.bool(item.span(), true));
            }
            out.add(Y.map(item.span(), m));
        }
        return Y.seq(v.span(), out);
    }

    private static YNode expose(YNode v) {
        YNode.YSeq seq = Y.list(v, "expose");
        List<YNode> out = new ArrayList<>();
        for (YNode item : seq.items()) out.add(Y.str(item.span(), Y.string(item, "expose")));
        return Y.seq(seq.span(), out);
    }

    /** {@code host:ip}, {@code host=ip} or a mapping, to v2's {@code host=ip} list. */
    static YNode extraHosts(YNode v) {
        List<YNode> out = new ArrayList<>();
        if (v instanceof YNode.YMap m) {
            for (YNode.Entry e : m.entries().values()) {
                if (e.value() instanceof YNode.YSeq ips) {
                    for (YNode ip : ips.items()) out.add(Y.str(ip.span(), e.key() + "=" + Y.string(ip, "extra_hosts")));
                } else {
                    out.add(Y.str(e.value().span(), e.key() + "=" + Y.string(e.value(), "extra_hosts")));
                }
            }
            return Y.seq(m.span(), out);
        }
        for (YNode item : Y.list(v, "extra_hosts").items()) {
            String s = Y.string(item, "extra_hosts");
            int eq = s.indexOf('=');
            int sep = eq >= 0 ? eq : s.indexOf(':');
            if (sep <= 0) throw new ComposeException(item.span(), "invalid extra_hosts entry '" + s + "': expected host=ip");
            out.add(Y.str(item.span(), s.substring(0, sep) + "=" + s.substring(sep + 1)));
        }
        return Y.seq(v.span(), out);
    }

    private static YNode healthcheck(YNode v) {
        YNode.YMap h = Y.mapping(v, "healthcheck");
        Volumes.checkKeys(h, HEALTH_KEYS, "healthcheck");
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : h.entries().values()) {
            YNode val = e.value();
            if (isReset(val)) { out.put(e.key(), e); continue; }
            YNode n;
            switch (e.key()) {
                case "test":
                    if (val instanceof YNode.YScalar s) n = Y.strings(val.span(), List.of("CMD-SHELL", Y.string(s, "test")));
                    else n = stringList("healthcheck.test", val, false);
                    break;
                case "retries": n = Y.num(val.span(), Y.integer(val, "healthcheck.retries")); break;
                case "disable": n = Y.bool(val.span(), Y.bool(val, "healthcheck.disable")); break;
                default: n = duration(val, "healthcheck." + e.key());
            }
            out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), Y.withTag(n, val.tag())));
        }
        if (out.containsKey("disable") && out.get("disable").value() instanceof YNode.YScalar d && Boolean.TRUE.equals(d.value())) {
            out.put("test", new YNode.Entry("test", d.span(), Y.strings(d.span(), List.of("NONE"))));
        }
        return new YNode.YMap(h.span(), h.tag(), out);
    }

    /**
     * The deploy section with compose-go's types: cpus a number, memory in bytes (a string, as UnitBytes
     * prints), delays and windows as Go durations, counts as integers. Other keys pass through.
     */
    private static YNode.YMap deploy(YNode.YMap m, List<String> path) {
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : m.entries().values()) {
            YNode v = e.value();
            String what = String.join(".", path) + "." + e.key();
            YNode n = v;
            if (Y.isNull(v) || isReset(v)) n = v;
            else if (v instanceof YNode.YMap sub) n = deploy(sub, append(path, e.key()));
            else if (e.key().equals("cpus")) n = Y.dbl(v.span(), cpus(v, what));
            else if (e.key().equals("memory")) n = Y.str(v.span(), Long.toString(Units.bytes(v)));
            else if (Set.of("delay", "window", "monitor").contains(e.key())) n = duration(v, what);
            else if (Set.of("replicas", "parallelism", "max_attempts", "max_replicas_per_node", "pids").contains(e.key())) n = Y.num(v.span(), Y.integer(v, what));
            out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), Y.withTag(n, v.tag())));
        }
        return new YNode.YMap(m.span(), m.tag(), out);
    }

    private static double cpus(YNode v, String what) {
        if (v instanceof YNode.YScalar s && s.value() instanceof Number n) return n.doubleValue();
        String t = Y.string(v, what);
        try { return Double.parseDouble(t.strip()); }
        catch (NumberFormatException e) { throw new ComposeException(v.span(), what + " must be a number of CPUs like 0.5, not '" + t + "'"); }
    }

    private static List<String> append(List<String> l, String s) {
        List<String> out = new ArrayList<>(l);
        out.add(s);
        return out;
    }

    static YNode duration(YNode v, String what) {
        if (v instanceof YNode.YScalar s && s.value() instanceof Long secs) return Y.str(v.span(), Units.formatDuration(secs * 1_000_000_000L));
        String text = Y.string(v, what);
        Long ns = Units.parseDuration(text);
        if (ns == null) throw new ComposeException(v.span(), what + ": invalid duration '" + text + "' (e.g. 10s, 1m30s, 500ms)");
        return Y.str(v.span(), Units.formatDuration(ns));
    }

    private static YNode logging(YNode v) {
        YNode.YMap m = Y.mapping(v, "logging");
        Volumes.checkKeys(m, LOGGING_KEYS, "logging");
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        if (m.has("driver")) out.put("driver", new YNode.Entry("driver", m.entries().get("driver").keySpan(), Y.str(m.get("driver").span(), Y.string(m.get("driver"), "logging.driver"))));
        if (m.has("options") && !Y.isNull(m.get("options"))) {
            out.put("options", new YNode.Entry("options", m.entries().get("options").keySpan(), keyValues("logging.options", m.get("options"), false)));
        }
        return new YNode.YMap(m.span(), m.tag(), out);
    }

    private static YNode networks(YNode v) {
        Map<String, YNode> out = new LinkedHashMap<>();
        if (v instanceof YNode.YSeq seq) {
            for (YNode item : seq.items()) out.put(Y.string(item, "a network name"), Y.nul(item.span()));
            return Y.map(seq.span(), out);
        }
        YNode.YMap m = Y.mapping(v, "networks");
        for (YNode.Entry e : m.entries().values()) {
            YNode n = e.value();
            if (isReset(n)) { out.put(e.key(), n); continue; }
            if (Y.isNull(n)) { out.put(e.key(), Y.nul(e.keySpan())); continue; }
            YNode.YMap nm = Y.mapping(n, "networks." + e.key());
            Volumes.checkKeys(nm, NETWORK_KEYS, "service network");
            Map<String, YNode.Entry> o = new LinkedHashMap<>();
            for (YNode.Entry ne : nm.entries().values()) {
                YNode val = ne.value();
                YNode c;
                switch (ne.key()) {
                    case "aliases": case "link_local_ips": c = stringList(ne.key(), val, false); break;
                    case "priority": case "gw_priority": c = Y.num(val.span(), Y.integer(val, ne.key())); break;
                    case "driver_opts": c = keyValues("driver_opts", val, false); break;
                    default: c = Y.str(val.span(), Y.string(val, ne.key()));
                }
                o.put(ne.key(), new YNode.Entry(ne.key(), ne.keySpan(), c));
            }
            out.put(e.key(), new YNode.YMap(nm.span(), nm.tag(), o));
        }
        // key spans matter for "undefined network" errors: keep each key's own span
        Map<String, YNode.Entry> entries = new LinkedHashMap<>();
        for (YNode.Entry e : m.entries().values()) entries.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), out.get(e.key())));
        return new YNode.YMap(m.span(), m.tag(), entries);
    }

    private static YNode ports(YNode v) {
        YNode.YSeq seq = Y.list(v, "ports");
        List<YNode> out = new ArrayList<>();
        for (YNode item : seq.items()) out.addAll(Ports.parse(item));
        return Y.seq(seq.span(), dedupe(out));
    }

    private YNode volumes(YNode v) {
        YNode.YSeq seq = Y.list(v, "volumes");
        List<YNode> out = new ArrayList<>();
        for (YNode item : seq.items()) out.add(Volumes.parse(item, base, home));
        // two mounts on one target: the later one wins, as compose-go's EnforceUnicity does
        return Y.seq(seq.span(), Merger.byKey(out, n -> ((YNode.YScalar) ((YNode.YMap) n).get("target")).asString()));
    }

    private YNode fileRefs(YNode v, String what) {
        YNode.YSeq seq = Y.list(v, what + "s");
        List<YNode> out = new ArrayList<>();
        for (YNode item : seq.items()) {
            Map<String, YNode> m = new LinkedHashMap<>();
            if (item instanceof YNode.YMap im) {
                Volumes.checkKeys(im, FILE_REF_KEYS, what);
                if (!im.has("source")) throw new ComposeException(im.span(), "a " + what + " in the long syntax needs a source");
                m.put("source", Y.str(im.get("source").span(), Y.string(im.get("source"), "source")));
                if (im.has("target")) m.put("target", Y.str(im.get("target").span(), Y.string(im.get("target"), "target")));
                if (im.has("uid")) m.put("uid", Y.str(im.get("uid").span(), Y.string(im.get("uid"), "uid")));
                if (im.has("gid")) m.put("gid", Y.str(im.get("gid").span(), Y.string(im.get("gid"), "gid")));
                if (im.has("mode")) m.put("mode", Y.num(im.get("mode").span(), mode(im.get("mode"))));
            } else {
                m.put("source", Y.str(item.span(), Y.string(item, what)));
            }
            if (what.equals("secret") && !m.containsKey("target")) {
                m.put("target", Y.str(item.span(), "/run/secrets/" + ((YNode.YScalar) m.get("source")).asString()));
            }
            out.add(Y.map(item.span(), m));
        }
        return Y.seq(seq.span(), out);
    }

    private static long mode(YNode n) {
        if (n instanceof YNode.YScalar s && s.value() instanceof Long l) return l;
        String t = Y.string(n, "mode");
        try { return Long.parseLong(t.startsWith("0o") ? t.substring(2) : t, 8); }
        catch (NumberFormatException e) { throw new ComposeException(n.span(), "mode must be an octal number like 0440, not '" + t + "'"); }
    }

    /** Drops entries equal to an earlier one (plain data compared), keeping the first's position. */
    static List<YNode> dedupe(List<YNode> items) {
        List<YNode> out = new ArrayList<>();
        Set<Object> seen = new java.util.HashSet<>();
        for (YNode n : items) if (seen.add(n.plain())) out.add(n);
        return out;
    }
}
