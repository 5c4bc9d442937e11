package dev.gwrun.cli.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting the engine's file:line:col locations, file names with colons included. */
class LocationsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "deploy.gwrun:12:7         | deploy.gwrun        | 12",
            "ops/deploy.gwrun:3        | ops/deploy.gwrun    | 3",
            "C:/ops/deploy.gwrun:40:1  | C:/ops/deploy.gwrun | 40",
            "odd:name.gwrun:5:2        | odd:name.gwrun      | 5",
            "no-line.gwrun             | null                | null",
            "null                      | null                | null",
    })
    void splitsFromTheRight(String location, String file, Integer line) {
        assertThat(Locations.file(location)).isEqualTo(file);
        assertThat(Locations.line(location)).isEqualTo(line);
    }
}
