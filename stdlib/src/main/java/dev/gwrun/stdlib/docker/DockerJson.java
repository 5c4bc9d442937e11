package dev.gwrun.stdlib.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DockerClientConfig;

import java.util.List;
import java.util.Map;

/**
 * The one JSON mapper every engine client of the process uses, and its warm-up.
 *
 * <p>docker-java gives each client its own copy of its mapper, and Jackson builds a serializer or
 * deserializer per type by reflection the first time it meets the type: for the container types
 * (a create request's HostConfig, an inspect answer) that is a few hundred milliseconds of a cold
 * JVM's CPU, paid on a run's first docker call. So the calls a deploy makes first (docker.run's
 * create, every inspect) read and write JSON trees instead ({@link Inspected}, {@link RunSpec}), and
 * sharing one mapper lets {@link #prewarm()} build the rest on a background thread while the
 * runbook is still being parsed and checked.
 */
public final class DockerJson {
    static final ObjectMapper MAPPER = DockerClientConfig.getDefaultObjectMapper();

    /** A container as the engine describes it, with the parts the container object reads. */
    private static final String INSPECT = """
            {"Id":"0","Name":"/warm","Image":"sha256:0","Created":"2026-01-01T00:00:00Z",
             "State":{"Status":"running","Running":true,"ExitCode":0,"StartedAt":"2026-01-01T00:00:00Z",
                      "Health":{"Status":"healthy","FailingStreak":0,"Log":[{"Start":"2026-01-01T00:00:00Z","End":"2026-01-01T00:00:00Z","ExitCode":0,"Output":""}]}},
             "Config":{"Image":"warm:up","Env":["A=b"],"Cmd":["true"],"Labels":{"a":"b"},"ExposedPorts":{"8000/tcp":{}},
                       "Healthcheck":{"Test":["CMD","true"],"Interval":1000000000}},
             "HostConfig":{"Init":true,"NetworkMode":"bridge","RestartPolicy":{"Name":"no","MaximumRetryCount":0},
                           "PortBindings":{"8000/tcp":[{"HostIp":"","HostPort":"8001"}]}},
             "NetworkSettings":{"IPAddress":"172.17.0.2","Ports":{"8000/tcp":[{"HostIp":"0.0.0.0","HostPort":"8001"}]},
                                "Networks":{"bridge":{"IPAddress":"172.17.0.2","NetworkID":"0"}}},
             "Mounts":[{"Type":"volume","Name":"v","Source":"/v","Destination":"/data","RW":true}]}""";

    private DockerJson() {}

    /**
     * Makes the default engine's client (nothing connects) and warms what a run's first calls go
     * through: the JSON trees of docker.run's create request and of inspect and ps answers, and the
     * container objects made from them. Never throws.
     */
    static void prewarm() {
        try {
            defaultClient();
            com.fasterxml.jackson.databind.JsonNode inspect = MAPPER.readTree(INSPECT);
            MAPPER.writeValueAsBytes(inspect);
            ContainerView.of(Inspected.of(inspect));
            for (com.fasterxml.jackson.databind.JsonNode listed : MAPPER.readTree("[{\"Id\":\"0\",\"Names\":[\"/warm\"],\"Image\":\"warm:up\","
                    + "\"State\":\"running\",\"Status\":\"Up 1 second\",\"Labels\":{\"a\":\"b\"},"
                    + "\"Ports\":[{\"PrivatePort\":8000,\"PublicPort\":8001,\"Type\":\"tcp\"}]}]")) {
                ContainerView.of(Listed.of(listed));
            }
        } catch (Exception | LinkageError ignored) {
            // only a head start: the first real call builds whatever is missing
        }
    }

    /**
     * For the modules that create containers through docker-java's CreateContainerCmd (compose): builds
     * its serializer, some 60 ms of a cold JVM, and its answer's codec. Never throws.
     */
    public static void prewarmCreate() {
        try {
            DockerClient d = defaultClient();
            HostConfig host = HostConfig.newHostConfig()
                    .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", 8001), ExposedPort.tcp(8000)))
                    .withBinds(new Bind("/warm", new Volume("/data")))
                    .withNetworkMode("bridge")
                    .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                    .withInit(true);
            CreateContainerCmd create = d.createContainerCmd("warm:up").withName("warm").withEnv("A=b")
                    .withLabels(Map.of("a", "b")).withHostConfig(host).withExposedPorts(ExposedPort.tcp(8000))
                    .withCmd("true").withHealthcheck(new HealthCheck().withTest(List.of("CMD", "true")).withInterval(1_000_000_000L));
            MAPPER.writeValueAsBytes(create);
            MAPPER.readValue("{\"Id\":\"0\",\"Warnings\":[]}", CreateContainerResponse.class);
        } catch (Exception | LinkageError ignored) {
            // only a head start
        }
    }

    /** The default engine's client, made (nothing connects) and kept for the process as every call's. */
    private static DockerClient defaultClient() {
        return Engine.fromEnvironment(System.getenv("DOCKER_HOST"), System.getenv("DOCKER_TLS_VERIFY"), System.getenv("DOCKER_CERT_PATH")).client();
    }
}
