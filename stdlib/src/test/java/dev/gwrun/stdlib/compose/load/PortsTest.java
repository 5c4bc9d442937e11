package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {
    private static final Span SPAN = new Span(SourceFile.of("c.yml", "x"), 0, 1);

    /** Each port printed as host_ip/published/target/protocol, "-" for absent. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "80                       | -/-/80/tcp",
            "8080:80                  | -/8080/80/tcp",
            "8080:80/udp              | -/8080/80/udp",
            "127.0.0.1:8080:80        | 127.0.0.1/8080/80/tcp",
            "127.0.0.1::80            | 127.0.0.1/-/80/tcp",
            "127.0.0.1:8080:80/udp    | 127.0.0.1/8080/80/udp",
            "[::1]:8080:80            | ::1/8080/80/tcp",
            "[::1]:8080:80/sctp       | ::1/8080/80/sctp",
            "8000-8002:8000-8002      | -/8000/8000/tcp -/8001/8001/tcp -/8002/8002/tcp",
            "3000-3001                | -/-/3000/tcp -/-/3001/tcp",
            "9090-9091:8080           | -/9090-9091/8080/tcp",
            "127.0.0.1:5000-5001:6000-6001/udp | 127.0.0.1/5000/6000/udp 127.0.0.1/5001/6001/udp",
    })
    void shortForms(String spec, String expected) {
        List<String> got = new ArrayList<>();
        for (YNode.YMap p : Ports.shortForm(SPAN, spec)) {
            got.add(s(p, "host_ip") + "/" + s(p, "published") + "/" + s(p, "target") + "/" + s(p, "protocol"));
            assertThat(s(p, "mode")).isEqualTo("ingress");
        }
        assertThat(String.join(" ", got)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http                 | invalid port \"http\": invalid container port 'http'",
            "8080:80/icmp         | invalid port \"8080:80/icmp\": unknown protocol 'icmp' (tcp, udp or sctp)",
            "70000:80             | invalid port \"70000:80\": invalid host port '70000'",
            "8000-8001:9000-9002  | invalid port \"8000-8001:9000-9002\": the host and container port ranges are not the same size",
            "1.2.3:80:80          | invalid port \"1.2.3:80:80\": '1.2.3' is not an IP address",
            "[::1:80:80           | invalid port \"[::1:80:80\": an IPv6 address opened with [ is not closed",
            "8002-8000            | invalid port \"8002-8000\": invalid container port '8002-8000'",
    })
    void badShortForms(String spec, String message) {
        assertThatThrownBy(() -> Ports.shortForm(SPAN, spec)).hasMessage("c.yml:1:1: error: " + message);
    }

    private static String s(YNode.YMap m, String k) {
        YNode n = m.get(k);
        return n == null ? "-" : ((YNode.YScalar) n).asString();
    }
}
