package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** 13-merge.md's rules, one row each: a key of service "s" in the base file, in the override, and the merged value. */
class MergerTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // scalars replace
            "image: a                         | image: b                              | image=b",
            // command, entrypoint and healthcheck.test replace
            "command: [a, b]                  | command: c d                          | command=[c, d]",
            "entrypoint: [a]                  | entrypoint: [b, c]                    | entrypoint=[b, c]",
            "healthcheck: {test: [CMD, a], retries: 2} | healthcheck: {test: b}     | healthcheck={test=[CMD-SHELL, b], retries=2}",
            // environment, labels, args merge by key, list and map forms alike
            "environment: [A=1, B=2]          | environment: {B: '3', C: '4'}         | environment={A=1, B=3, C=4}",
            "labels: {a: '1'}                 | labels: [b=2]                         | labels={a=1, b=2}",
            "build: {context: ., args: [X=1]} | build: {args: {Y: '2'}}               | build={context=/p, args={X=1, Y=2}}",
            "sysctls: [a=1]                   | sysctls: {a: 2}                       | sysctls={a=2}",
            // ports append without duplicates
            "ports: ['80:80']                 | ports: ['80:80', '443:443']          | ports=[{mode=ingress, target=80, published=80, protocol=tcp}, {mode=ingress, target=443, published=443, protocol=tcp}]",
            // volumes merge by target
            "volumes: ['./a:/x', 'v:/y']      | volumes: ['./b:/x:ro']               | volumes=[{type=bind, source=/p/b, target=/x, read_only=true, bind={create_host_path=true}}, {type=volume, source=v, target=/y, volume={}}]",
            // secrets merge by target
            "secrets: [a]                     | secrets: [{source: a, mode: 0400}]   | secrets=[{source=a, mode=256, target=/run/secrets/a}]",
            // dns, cap_add, … append without duplicates; a string is a one-item list
            "dns: 8.8.8.8                     | dns: [1.1.1.1, 8.8.8.8]              | dns=[8.8.8.8, 1.1.1.1]",
            "cap_add: [A]                     | cap_add: [A, B]                      | cap_add=[A, B]",
            "extra_hosts: ['a:1.1.1.1']       | extra_hosts: {b: 2.2.2.2}            | extra_hosts=[a=1.1.1.1, b=2.2.2.2]",
            // depends_on and networks: short forms normalised, then merged by key
            "depends_on: [db]                 | depends_on: {db: {condition: service_healthy}} | depends_on={db={condition=service_healthy, required=true}}",
            "depends_on: [db]                 | depends_on: [cache]                  | depends_on={db={condition=service_started, required=true}, cache={condition=service_started, required=true}}",
            "networks: [a]                    | networks: {b: {aliases: [x]}}        | networks={a=null, b={aliases=[x]}}",
            "networks: {a: {aliases: [x]}}    | networks: {a: {aliases: [y]}}        | networks={a={aliases=[x, y]}}",
            // build short form normalised before merging
            "build: ./app                     | build: {target: prod}                | build={context=/p/app, target=prod}",
            // logging options merge with the same driver, replace with another
            "logging: {driver: a, options: {x: '1'}} | logging: {options: {y: '2'}}  | logging={driver=a, options={x=1, y=2}}",
            "logging: {driver: a, options: {x: '1'}} | logging: {driver: b}          | logging={driver=b}",
            // !reset removes, !override replaces
            "ports: ['80:80']                 | ports: !reset []                     | ",
            "environment: {A: '1'}            | environment: !override {B: '2'}      | environment={B=2}",
            "volumes: ['./a:/x']              | volumes: !override ['./b:/y']        | volumes=[{type=bind, source=/p/b, target=/y, bind={create_host_path=true}}]",
            "healthcheck: {test: [CMD, a], interval: 5s} | healthcheck: {interval: !reset null} | healthcheck={test=[CMD, a]}",
            // mappings deep-merge
            "deploy: {resources: {limits: {cpus: '1'}}} | deploy: {resources: {limits: {memory: 1g}}} | deploy={resources={limits={cpus=1.0, memory=1073741824}}}",
    })
    void rule(String base, String over, String expected) {
        YNode.YMap merged = Merger.merge(file(base), file(over));
        Object svc = ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) merged.plain()).get("services")).get("s");
        String got = svc.toString();
        got = got.substring(1, got.length() - 1);
        assertThat(got).isEqualTo(expected == null ? "" : expected);
    }

    private static YNode.YMap file(String serviceBody) {
        String text = "services:\n  s:\n    " + serviceBody + "\n";
        YNode.YMap raw = YamlReader.parse(SourceFile.of("c.yml", text));
        return FileNormalizer.normalize(raw, Path.of("/p"), Path.of("/home/t"), new ArrayList<>());
    }
}
