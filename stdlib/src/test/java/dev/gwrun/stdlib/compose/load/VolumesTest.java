package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumesTest {
    private static final Span SPAN = new Span(SourceFile.of("c.yml", "x"), 0, 1);
    private static final Path BASE = Path.of("/srv/app"), HOME = Path.of("/home/me");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "./data:/data:ro        | {type=bind, source=/srv/app/data, target=/data, read_only=true, bind={create_host_path=true}}",
            "../up:/up              | {type=bind, source=/srv/up, target=/up, bind={create_host_path=true}}",
            "/abs/path:/in          | {type=bind, source=/abs/path, target=/in, bind={create_host_path=true}}",
            "~/x:/y                 | {type=bind, source=/home/me/x, target=/y, bind={create_host_path=true}}",
            "~:/home                | {type=bind, source=/home/me, target=/home, bind={create_host_path=true}}",
            "data:/var/lib/data     | {type=volume, source=data, target=/var/lib/data, volume={}}",
            "data:/var/lib/data:nocopy | {type=volume, source=data, target=/var/lib/data, volume={nocopy=true}}",
            "/anonymous             | {type=volume, target=/anonymous, volume={}}",
            "./src:/src:rw,rshared  | {type=bind, source=/srv/app/src, target=/src, bind={propagation=rshared, create_host_path=true}}",
            "./src:/src:ro,z        | {type=bind, source=/srv/app/src, target=/src, read_only=true, bind={create_host_path=true, selinux=z}}",
            "./src:/src/../dst/     | {type=bind, source=/srv/app/src, target=/dst, bind={create_host_path=true}}",
            "./c:/c:cached          | {type=bind, source=/srv/app/c, target=/c, bind={create_host_path=true}}",
    })
    void shortForms(String spec, String expected) {
        assertThat(Volumes.shortForm(SPAN, spec, BASE, HOME).plain().toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a:b:c:d                | invalid volume \"a:b:c:d\": too many colons",
            "data::/x               | invalid volume \"data::/x\": empty section between colons",
            "data:relative          | invalid volume \"data:relative\": the container path 'relative' is not absolute",
            "./x:/x:rx              | invalid volume \"./x:/x:rx\": unknown option 'rx' (ro, rw, nocopy, z, Z or a bind propagation)",
    })
    void badShortForms(String spec, String message) {
        assertThatThrownBy(() -> Volumes.shortForm(SPAN, spec, BASE, HOME)).hasMessage("c.yml:1:1: error: " + message);
    }
}
