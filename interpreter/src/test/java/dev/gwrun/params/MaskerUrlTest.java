package dev.gwrun.params;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The password inside a URL is masked wherever text passes the masker, as git and pip hide it. */
class MaskerUrlTest {

    @Test
    void masksThePasswordOfAnyUrlKeepingSchemeUserAndHost() {
        Masker m = new Masker();
        assertThat(m.mask("params: url=postgresql://app:s3cret-pw@db:5432/app?sslmode=disable"))
                .isEqualTo("params: url=postgresql://app:***@db:5432/app?sslmode=disable");
        assertThat(m.mask("GET http://user:pa55word@example.test/x and https://u:v@h/"))
                .isEqualTo("GET http://user:***@example.test/x and https://u:***@h/");
        assertThat(m.mask("{\"url\": \"redis://:longpassword@cache:6379/0\"}"))
                .isEqualTo("{\"url\": \"redis://:***@cache:6379/0\"}");
    }

    @Test
    void leavesUrlsWithoutAPasswordAlone() {
        Masker m = new Masker();
        for (String s : new String[] {"http://127.0.0.1:8080/health", "ssh://git@github.com/x.git",
                "http://host:8080/a@b", "mailto:ops@example.test", "tcp://10.0.0.5:2376"}) {
            assertThat(m.mask(s)).isEqualTo(s);
        }
    }

    @Test
    void aPasswordSeenInAUrlIsMaskedOnItsOwnLaterToo() {
        Masker m = new Masker();
        m.mask("postgresql://app:hunter22@db/app");
        assertThat(m.mask("password authentication failed (password hunter22)")).isEqualTo("password authentication failed (password ***)");
        // Short ones are masked inside URLs only, so that common words are not.
        assertThat(m.mask("http://a:pw@h/ then pw")).isEqualTo("http://a:***@h/ then pw");
    }
}
