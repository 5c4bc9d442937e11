package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's {@code ports:} entry, short or long syntax, to the long form Compose v2 prints
 * ({@code mode, host_ip, target, published, protocol}). A short range expands to one entry per port;
 * a host range facing one container port stays one entry whose {@code published} is the range, as
 * compose-go (docker's {@code nat.ParsePortSpec}) reads it.
 */
final class Ports {
    private Ports() {}

    private static final Set<String> LONG_KEYS = Set.of("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol", "x-");

    static List<YNode.YMap> parse(YNode item) {
        if (item instanceof YNode.YMap m) return List.of(longForm(m));
        if (!(item instanceof YNode.YScalar s) || s.value() == null) {
            throw new ComposeException(item.span(), "a port must be a string like \"8080:80\" or a mapping, not " + Y.kind(item));
        }
        if (s.value() instanceof Long n) {
            if (n < 1 || n > 65535) throw new ComposeException(s.span(), "invalid port " + n + ": a port is between 1 and 65535");
            return List.of(port(s.span(), null, null, n.intValue(), "tcp"));
        }
        if (!(s.value() instanceof String)) throw new ComposeException(s.span(), "invalid port '" + s.asString() + "'");
        return shortForm(s.span(), s.asString());
    }

    static List<YNode.YMap> shortForm(Span span, String spec) {
        String rest = spec.strip();
        String protocol = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1).toLowerCase();
            rest = rest.substring(0, slash);
            if (!Set.of("tcp", "udp", "sctp").contains(protocol)) throw bad(span, spec, "unknown protocol '" + protocol + "' (tcp, udp or sctp)");
        }
        String hostIp = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) throw bad(span, spec, "an IPv6 address opened with [ is not closed");
            hostIp = rest.substring(1, close);
            rest = rest.substring(close + 1);
            if (!rest.startsWith(":")) throw bad(span, spec, "a host IP must be followed by :published:target");
            rest = rest.substring(1);
        }
        String[] parts = rest.split(":", -1);
        String published, target;
        if (hostIp != null) {
            if (parts.length != 2) throw bad(span, spec, "expected [ip]:published:target");
            published = parts[0];
            target = parts[1];
        } else if (parts.length == 1) {
            published = "";
            target = parts[0];
        } else if (parts.length == 2) {
            published = parts[0];
            target = parts[1];
        } else if (parts.length == 3) {
            hostIp = parts[0];
            published = parts[1];
            target = parts[2];
            if (hostIp.isEmpty()) hostIp = null; // ":8080:80", as an unset ${BIND:-} leaves it: no host IP
        } else {
            // an unbracketed IPv6 address: the last two fields are the ports
            int last = rest.lastIndexOf(':');
            int prev = rest.lastIndexOf(':', last - 1);
            hostIp = rest.substring(0, prev);
            published = rest.substring(prev + 1, last);
            target = rest.substring(last + 1);
        }
        if (hostIp != null && !validIp(hostIp)) throw bad(span, spec, "'" + hostIp + "' is not an IP address");
        int[] t = range(span, spec, target, "container port");
        int[] p = published.isEmpty() ? null : range(span, spec, published, "host port");
        List<YNode.YMap> out = new ArrayList<>();
        int count = t[1] - t[0] + 1;
        if (p == null) {
            for (int i = 0; i < count; i++) out.add(port(span, hostIp, null, t[0] + i, protocol));
        } else if (count == 1) {
            String pub = p[0] == p[1] ? Integer.toString(p[0]) : p[0] + "-" + p[1];
            out.add(port(span, hostIp, pub, t[0], protocol));
        } else {
            if (p[1] - p[0] + 1 != count) throw bad(span, spec, "the host and container port ranges are not the same size");
            for (int i = 0; i < count; i++) out.add(port(span, hostIp, Integer.toString(p[0] + i), t[0] + i, protocol));
        }
        return out;
    }

    private static int[] range(Span span, String spec, String text, String what) {
        int dash = text.indexOf('-');
        try {
            int a, b;
            if (dash < 0) a = b = Integer.parseInt(text);
            else {
                a = Integer.parseInt(text.substring(0, dash));
                b = Integer.parseInt(text.substring(dash + 1));
            }
            if (a < 1 || b > 65535 || a > 65535 || b < a) throw bad(span, spec, "invalid " + what + " '" + text + "'");
            return new int[]{a, b};
        } catch (NumberFormatException e) {
            throw bad(span, spec, "invalid " + what + " '" + text + "'");
        }
    }

    private static boolean validIp(String ip) {
        if (ip.contains(":")) return ip.matches("[0-9a-fA-F:.]+");
        String[] q = ip.split("\\.", -1);
        if (q.length != 4) return false;
        for (String s : q) {
            if (!s.matches("[0-9]{1,3}") || Integer.parseInt(s) > 255) return false;
        }
        return true;
    }

    private static ComposeException bad(Span span, String spec, String why) {
        return new ComposeException(span, "invalid port \"" + spec + "\": " + why);
    }

    static YNode.YMap port(Span span, String hostIp, String published, int target, String protocol) {
        Map<String, YNode> m = new LinkedHashMap<>();
        m.put("mode", Y.str(span, "ingress"));
        if (hostIp != null) m.put("host_ip", Y.str(span, hostIp));
        m.put("target", Y.num(span, target));
        if (published != null) m.put("published", Y.str(span, published));
        m.put("protocol", Y.str(span, protocol));
        return Y.map(span, m);
    }

    private static YNode.YMap longForm(YNode.YMap m) {
        for (YNode.Entry e : m.entries().values()) {
            if (!LONG_KEYS.contains(e.key()) && !e.key().startsWith("x-")) {
                throw new ComposeException(e.keySpan(), "unknown port key '" + e.key() + "'" + dev.gwrun.source.Suggest.didYouMean(e.key(), LONG_KEYS));
            }
        }
        if (!m.has("target")) throw new ComposeException(m.span(), "a port in the long syntax needs a target");
        Long target = Y.integer(m.get("target"), "target");
        if (target == null || target < 1 || target > 65535) throw new ComposeException(m.get("target").span(), "invalid target port: a port is between 1 and 65535");
        Map<String, YNode> out = new LinkedHashMap<>();
        if (m.has("name")) out.put("name", Y.str(m.get("name").span(), Y.string(m.get("name"), "name")));
        out.put("mode", m.has("mode") ? Y.str(m.get("mode").span(), Y.string(m.get("mode"), "mode")) : Y.str(m.span(), "ingress"));
        if (m.has("host_ip")) out.put("host_ip", Y.str(m.get("host_ip").span(), Y.string(m.get("host_ip"), "host_ip")));
        out.put("target", Y.num(m.get("target").span(), target));
        YNode pub = m.get("published");
        if (!Y.isNull(pub)) {
            String p = Y.string(pub, "published");
            range(pub.span(), p, p, "published port");
            out.put("published", Y.str(pub.span(), p));
        }
        out.put("protocol", m.has("protocol") ? Y.str(m.get("protocol").span(), Y.string(m.get("protocol"), "protocol").toLowerCase()) : Y.str(m.span(), "tcp"));
        if (m.has("app_protocol")) out.put("app_protocol", Y.str(m.get("app_protocol").span(), Y.string(m.get("app_protocol"), "app_protocol")));
        return Y.map(m.span(), out);
    }
}
