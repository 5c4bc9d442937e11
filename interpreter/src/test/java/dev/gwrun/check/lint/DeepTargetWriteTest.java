package dev.gwrun.check.lint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** parallel-shared-write sees a write however deep its target goes into the variable. */
class DeepTargetWriteTest {
    @Test
    void aWriteThroughIndexesAndFieldsInTurnIsAWriteOfTheVariable() {
        assertThat(LintTest.warnings("""
                  let a = [{b: [{c: 1}]}]
                  parallel {
                    step "x" { a[0].b[0].c = 2 }
                    step "y" { a[0].b[0].c = 3 }
                  }""")).containsExactly(
                "6:14: steps 'x' and 'y' of one parallel block both write 'a': the value left depends on which finishes last [parallel-shared-write]");
    }

    @Test
    void eachShapeOfTargetIsRootedAtItsVariable() {
        for (String target : new String[] {"a", "a[0]", "a.b", "a[0].b", "a.b[0]", "a[0].b[1].c", "a.b[0].c[1]"}) {
            assertThat(LintTest.warnings("  let a = {b: [{c: [1, 2]}]}\n  parallel {\n    step \"x\" { " + target + " = 2 }\n    step \"y\" { "
                    + target + " = 3 }\n  }")).as(target).filteredOn(w -> w.endsWith("[parallel-shared-write]")).singleElement().asString().contains("both write 'a'");
        }
    }
}
