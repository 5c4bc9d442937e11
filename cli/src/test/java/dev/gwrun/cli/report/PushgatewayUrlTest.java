package dev.gwrun.cli.report;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Pushgateway URL of a grouping key: a base path kept, a value with a '/' or an empty one base64url-encoded, others escaped. */
class PushgatewayUrlTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:9091      | api          | staging | http://127.0.0.1:9091/metrics/job/gwrun/service/api/environment/staging",
            "http://127.0.0.1:9091/     | api          | staging | http://127.0.0.1:9091/metrics/job/gwrun/service/api/environment/staging",
            "https://ops.example/pg/    | api          | staging | https://ops.example/pg/metrics/job/gwrun/service/api/environment/staging",
            "https://ops.example/pg     | team/api     | staging | https://ops.example/pg/metrics/job/gwrun/service@base64/dGVhbS9hcGk=/environment/staging",
            "http://127.0.0.1:9091      | web edge     | ''      | http://127.0.0.1:9091/metrics/job/gwrun/service/web%20edge/environment@base64/=",
    })
    void groupingKeyPaths(String base, String service, String environment, String expected) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("job", "gwrun");
        key.put("service", service);
        key.put("environment", environment);
        assertThat(Pushgateway.url(HttpUrl.parse(base), key).toString()).isEqualTo(expected);
    }
}
