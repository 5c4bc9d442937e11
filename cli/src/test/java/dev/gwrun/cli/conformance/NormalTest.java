package dev.gwrun.cli.conformance;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparable form's rules, each as a pair: what docker-compose v1 prints and what Compose v2 prints for the same
 * file (v2's as compose-go marshals it), which must come out equal; and a few pairs that must stay different.
 */
class NormalTest {
    private static final Normal.Context CTX = new Normal.Context("demo", Set.of("debug"));

    /** One rule: v1's output and v2's for the same input. */
    private record Pair(String rule, String v1, String v2) {}

    private static final List<Pair> SAME = List.of(
            new Pair("1, 2, 5: version, name and extensions are not compared",
                    "version: '3.9'\nservices: {a: {image: x}}\n",
                    "name: demo\nx-common: {a: 1}\nservices: {a: {image: x, networks: {default: null}}}\nnetworks: {default: {name: demo_default}}\n"),
            new Pair("3: v1 escapes $ as $$ in what it prints",
                    "services: {a: {image: x, command: [sh, -c, 'echo $$HOME']}}\n",
                    "services: {a: {image: x, command: [sh, -c, 'echo $HOME']}}\n"),
            new Pair("4: v1 prints services of inactive profiles",
                    "services: {a: {image: x}, b: {image: x, profiles: [tools]}, c: {image: x, profiles: [debug]}}\n",
                    "services: {a: {image: x}, c: {image: x, profiles: [debug]}}\n"),
            new Pair("6: ports in the short and the long syntax, ranges expanded, sorted",
                    """
                    services: {a: {image: x, ports: [
                      {target: 80}, {published: 8082, target: 82}, 127.0.0.1:8084:84/tcp, '127.0.0.1::85/tcp',
                      {published: 9000, target: 9100}, {published: 9001, target: 9101}, {protocol: udp, published: 5353, target: 53},
                      '::1:8086:86/tcp', {mode: host, protocol: tcp, published: 8088, target: 88}]}}
                    """,
                    """
                    services: {a: {image: x, ports: [
                      {mode: ingress, target: 80, protocol: tcp}, {mode: ingress, target: 82, published: "8082", protocol: tcp},
                      {mode: ingress, host_ip: 127.0.0.1, target: 84, published: "8084", protocol: tcp},
                      {mode: ingress, host_ip: 127.0.0.1, target: 85, protocol: tcp},
                      {mode: ingress, target: 9100, published: "9000", protocol: tcp}, {mode: ingress, target: 9101, published: "9001", protocol: tcp},
                      {mode: ingress, target: 53, published: "5353", protocol: udp},
                      {mode: ingress, host_ip: '::1', target: 86, published: "8086", protocol: tcp},
                      {mode: host, target: 88, published: "8088", protocol: tcp}]}}
                    """),
            new Pair("7: volumes, short as v1 prints them and long as v2 does",
                    """
                    services: {a: {image: x, volumes: [
                      '/srv/abs:/abs:rw', '/p/config:/config:ro', 'named:/named:rw', 'n2:/nocopy:nocopy', /anonymous,
                      '/p/sub:/selinux:z', '/p:/project:ro,Z', {type: tmpfs, target: /t, tmpfs: {size: 65536}}]}}
                    """,
                    """
                    services: {a: {image: x, volumes: [
                      {type: bind, source: /srv/abs, target: /abs, bind: {create_host_path: true}},
                      {type: bind, source: /p/config, target: /config, read_only: true, bind: {create_host_path: true}},
                      {type: volume, source: named, target: /named, volume: {}},
                      {type: volume, source: n2, target: /nocopy, volume: {nocopy: true}},
                      {type: volume, target: /anonymous},
                      {type: bind, source: /p/sub, target: /selinux, bind: {create_host_path: true, selinux: z}},
                      {type: bind, source: /p, target: /project, read_only: true, bind: {create_host_path: true, selinux: Z}},
                      {type: tmpfs, target: /t, tmpfs: {size: "65536"}}]}}
                    """),
            new Pair("8: a service's networks as a list, {} and null; the implicit default",
                    "services: {a: {image: x, networks: {back: {}, front: null}}, b: {image: x}}\nnetworks: {back: {}, front: {}}\n",
                    "services: {a: {image: x, networks: {back: null, front: null}}, b: {image: x, networks: {default: null}}}\n"
                            + "networks: {back: {name: demo_back}, front: {name: demo_front}, default: {name: demo_default}}\n"),
            new Pair("9: resources named by their key",
                    "services: {a: {image: x}}\nvolumes: {data: {}, ext: {external: true, name: ext}}\nsecrets: {s: {file: /p/s}}\n",
                    "services: {a: {image: x}}\nvolumes: {data: {name: demo_data}, ext: {external: true, name: ext}}\nsecrets: {s: {name: demo_s, file: /p/s}}\n"),
            new Pair("10: scalars, durations and sizes",
                    "services: {a: {image: x, environment: {N: 4, F: 1.5}, stop_grace_period: 1m, mem_limit: 1g, shm_size: 64m, "
                            + "healthcheck: {interval: 90s, start_period: 3723s, timeout: 500ms, test: [CMD, 'true']}}}\n",
                    "services: {a: {image: x, environment: {N: '4', F: '1.5'}, stop_grace_period: 1m0s, mem_limit: '1073741824', shm_size: '67108864', "
                            + "healthcheck: {interval: 1m30s, start_period: 1h2m3s, timeout: 500ms, test: [CMD, 'true']}}}\n"),
            new Pair("11: KEY=VALUE lists are maps",
                    "services: {a: {image: x, labels: {a: b, e: ''}, sysctls: {n: '1024'}}}\n",
                    "services: {a: {image: x, labels: [a=b, e=], sysctls: [n=1024]}}\n"),
            new Pair("12, 13: depends_on defaults, and what links and network_mode imply",
                    "services: {a: {image: x, depends_on: {b: {condition: service_started}}, links: ['c:cc']}, d: {image: x, network_mode: 'service:a'}}\n",
                    "services: {a: {image: x, depends_on: {b: {condition: service_started, required: true}, c: {condition: service_started, restart: true, required: true}}, links: ['c:cc']},"
                            + " d: {image: x, network_mode: 'service:a', depends_on: {a: {condition: service_started, restart: true, required: true}}}}\n"),
            new Pair("14: a string test is CMD-SHELL; disable is [NONE]",
                    "services: {a: {image: x, healthcheck: {test: 'curl -f x || exit 1'}}, b: {image: x, healthcheck: {test: [NONE]}}}\n",
                    "services: {a: {image: x, healthcheck: {test: [CMD-SHELL, 'curl -f x || exit 1']}}, b: {image: x, healthcheck: {disable: true}}}\n"),
            new Pair("15: a build's Dockerfile is named",
                    "services: {a: {build: {context: /p/app}}}\n",
                    "services: {a: {build: {context: /p/app, dockerfile: Dockerfile}}}\n"),
            new Pair("16: a command string is split as a shell would",
                    "services: {a: {image: x, command: \"sh -c 'echo \\\"hello world\\\" && sleep 1'\"}}\n",
                    "services: {a: {image: x, command: [sh, -c, 'echo \"hello world\" && sleep 1']}}\n"),
            new Pair("17, 18, 19: extra hosts, devices, secret modes",
                    "services: {a: {image: x, extra_hosts: ['db:10.0.0.2'], devices: ['/dev/fuse:/dev/fuse:rwm'], secrets: [{source: s, mode: 288}, {source: t}]}}\n",
                    "services: {a: {image: x, extra_hosts: ['db=10.0.0.2'], devices: [{source: /dev/fuse, target: /dev/fuse, permissions: rwm}], secrets: [{source: s, mode: '0440'}, {source: t}]}}\n"));

    private static final List<Pair> DIFFERENT = List.of(
            new Pair("a build arg v1 sets empty and v2 leaves out", "services: {a: {build: {context: /p, args: {A: ''}}}}\n",
                    "services: {a: {build: {context: /p, dockerfile: Dockerfile, args: {}}}}\n"),
            new Pair("another published port", "services: {a: {image: x, ports: [{published: 8080, target: 80}]}}\n",
                    "services: {a: {image: x, ports: [{target: 80, published: '8081'}]}}\n"),
            new Pair("a wrongly computed network name", "services: {a: {image: x, networks: {back: null}}}\nnetworks: {back: {}}\n",
                    "services: {a: {image: x, networks: {back: null}}}\nnetworks: {back: {name: back}}\n"));

    private static Map<String, Object> yaml(String s) {
        return new Yaml().load(s);
    }

    @TestFactory
    Stream<DynamicTest> v1AndV2FormsOfTheSameProjectCompareEqual() {
        return SAME.stream().map(p -> DynamicTest.dynamicTest(p.rule(), () ->
                assertThat(Differences.of(Normal.fromV1(yaml(p.v1()), CTX), Normal.fromV2(yaml(p.v2()), CTX))).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> differentProjectsStayDifferent() {
        return DIFFERENT.stream().map(p -> DynamicTest.dynamicTest(p.rule(), () ->
                assertThat(Differences.of(Normal.fromV1(yaml(p.v1()), CTX), Normal.fromV2(yaml(p.v2()), CTX))).isNotEmpty()));
    }

    @Test
    void aDifferenceIsOneLineWithItsPathAndBothValues() {
        assertThat(Differences.of(Normal.fromV1(yaml(DIFFERENT.get(0).v1()), CTX), Normal.fromV2(yaml(DIFFERENT.get(0).v2()), CTX)))
                .containsExactly("services.a.build.args.A: v1 \"\" | gwrun (absent)");
    }

    @Test
    void durationsAreWrittenAsGoWritesThem() {
        assertThat(List.of("90s", "1m", "1h", "500ms", "1h2m3s", "1.5s", "2m30s", "10"))
                .map(Durations::canonical)
                .containsExactly("1m30s", "1m0s", "1h0m0s", "500ms", "1h2m3s", "1.5s", "2m30s", "10s");
    }

    @Test
    void commandsAreSplitAsAShellSplitsThem() {
        assertThat(Shell.split("python -m http.server 8000 --bind '0.0.0.0'")).containsExactly("python", "-m", "http.server", "8000", "--bind", "0.0.0.0");
        assertThat(Shell.split("a \"b \\\"c\\\"\" d\\ e ''")).containsExactly("a", "b \"c\"", "d e", "");
    }
}
