package dev.gwrun.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --junit: valid against the JUnit schema(s) in src/test/resources/junit, one testcase per step, failures with their source line. */
class JunitReportTest {
    static final Path SCHEMAS = Path.of("src/test/resources/junit");

    @TempDir
    Path dir;

    /** Validates against every schema in the folder; there is at least one. */
    static void validate(Path xml) throws IOException, SAXException {
        List<Path> schemas;
        try (Stream<Path> s = Files.list(SCHEMAS)) {
            schemas = s.filter(p -> p.toString().endsWith(".xsd")).sorted().toList();
        }
        assertThat(schemas).isNotEmpty();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        for (Path xsd : schemas) {
            factory.newSchema(xsd.toFile()).newValidator().validate(new StreamSource(xml.toFile()));
        }
    }

    static Document parse(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(xml.toFile());
    }

    static List<Element> elements(Document d, String tag) {
        NodeList nl = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) out.add((Element) nl.item(i));
        return out;
    }

    @Test
    void aFailingAndAPassingStepAreValidJUnitWithTheFailureLine() throws Exception {
        Path junit = dir.resolve("reports/junit.xml");
        Gwrun.Result r = Gwrun.runbook(dir, "deploy.gwrun", """
                runbook "deploy" {
                  param version: string = "v1"
                  step "build" { log "built <${version}> & ready" }
                  step "skip" when false { log "no" }
                  step "release" {
                    step "migrate" {
                      sh("echo migrating; exit 3")
                    }
                  }
                }
                """, "--junit", junit.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        validate(junit);

        Document d = parse(junit);
        Element suite = elements(d, "testsuite").get(0);
        assertThat(suite.getAttribute("name")).isEqualTo("deploy");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        List<Element> cases = elements(d, "testcase");
        assertThat(cases).extracting(e -> e.getAttribute("name")).containsExactly("build", "skip", "release", "release › migrate");
        assertThat(cases).allSatisfy(c -> assertThat(c.getAttribute("classname")).isEqualTo("deploy"));
        assertThat(cases.get(0).getElementsByTagName("failure").getLength()).isZero();
        assertThat(cases.get(0).getElementsByTagName("system-out").item(0).getTextContent()).contains("built <v1> & ready");
        assertThat(cases.get(1).getElementsByTagName("skipped").getLength()).isEqualTo(1);

        Element failure = (Element) cases.get(3).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("sh");
        assertThat(failure.getAttribute("message")).contains("exit", "3");
        assertThat(failure.getTextContent()).startsWith(dir.resolve("deploy.gwrun") + ":7:");
        assertThat(cases.get(3).getElementsByTagName("system-out").item(0).getTextContent()).contains("migrating");
        assertThat(d.getElementsByTagName("property").getLength()).isGreaterThanOrEqualTo(4);
        assertThat(Files.readString(junit)).contains("<property name=\"param.version\" value=\"v1\"/>");
    }

    @Test
    void aPassingRunIsValidAndHasNoFailures() throws Exception {
        Path junit = dir.resolve("junit.xml");
        Gwrun.Result r = Gwrun.runbook(dir, "ok.gwrun", """
                runbook "ok" {
                  parallel {
                    step "a" { log "a" }
                    step "b" { log "b" }
                  }
                }
                """, "--junit", junit.toString());
        assertThat(r.exit()).isZero();
        validate(junit);
        Document d = parse(junit);
        assertThat(elements(d, "testcase")).extracting(e -> e.getAttribute("name")).containsExactlyInAnyOrder("a", "b");
        assertThat(d.getElementsByTagName("failure").getLength()).isZero();
        assertThat(elements(d, "testsuites").get(0).getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void aRunRefusedBeforeAnyStepIsAFailureNotAnEmptyGreenSuite() throws Exception {
        Path junit = dir.resolve("junit.xml");
        Gwrun.Result r = Gwrun.runbook(dir, "g.gwrun", """
                runbook "g" {
                  guard false else "change freeze"
                  step "a" { log "x" }
                }
                """, "--junit", junit.toString());
        assertThat(r.exit()).isEqualTo(4);
        validate(junit);
        Document d = parse(junit);
        List<Element> cases = elements(d, "testcase");
        assertThat(cases).extracting(e -> e.getAttribute("name")).containsExactly("(run)");
        Element failure = (Element) cases.get(0).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("refused");
        assertThat(failure.getTextContent()).contains("change freeze", "g.gwrun:2:");
    }

    @Test
    void aFailedHandlerIsReportedOnTheRun() throws Exception {
        Path junit = dir.resolve("junit.xml");
        Gwrun.Result r = Gwrun.runbook(dir, "h.gwrun", """
                runbook "h" {
                  step "a" { fail "no" }
                  on failure { fail "rollback failed" }
                }
                """, "--junit", junit.toString());
        assertThat(r.exit()).isEqualTo(5);
        validate(junit);
        Document d = parse(junit);
        assertThat(elements(d, "testcase")).extracting(e -> e.getAttribute("name")).containsExactly("a", "(run)");
        assertThat(elements(d, "failure").get(1).getTextContent()).contains("rollback failed");
    }

    @Test
    void theSchemaRejectsAReportWithoutFailureDetails() throws Exception {
        // The validation is not a check that cannot fail: a failure without its message is invalid.
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites><testsuite name="x" tests="1" failures="1" errors="0">
                <testcase name="a" classname="x" time="0.1"><failure>no message</failure></testcase>
                </testsuite></testsuites>
                """);
        assertThatThrownBy(() -> validate(bad)).isInstanceOf(SAXException.class).hasMessageContaining("message");
    }
}
